using System.Text.Encodings.Web;
using System.Text.Json;
using EvidenceKit.Timeline.Summary;

namespace EvidenceKit.Verifier.Timeline;

/// <summary>The triage summary as one JSON document (every non-ASCII and control character escaped, so it is safe on a terminal).</summary>
internal static class SummaryJson
{
    public static void Write(SummaryReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Default }))
        {
            json.WriteStartObject();
            json.WriteStartArray("bundles");
            foreach (var b in report.Bundles)
            {
                json.WriteStartObject();
                json.WriteString("path", b.Path);
                json.WriteString("bundle_id", b.BundleId);
                json.WriteString("host", b.Host);
                json.WriteString("verdict", b.Verdict);
                json.WriteString("zone", b.Zone);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("events_written", report.EventsWritten);
            json.WriteStartArray("sources");
            foreach (var s in report.Sources)
            {
                json.WriteStartObject();
                json.WriteString("host", s.Host);
                json.WriteString("source_path", s.SourcePath);
                json.WriteString("parser", s.Parser);
                json.WriteNumber("events", s.Events);
                json.WriteString("first", SummaryText.Time(s.First));
                json.WriteString("last", SummaryText.Time(s.Last));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            Clients(json, "top_requests", report.TopByRequests);
            Clients(json, "top_errors", report.TopByErrors);
            Clients(json, "top_auth_failures", report.TopByAuthFailures);
            json.WriteNumber("untracked_client_events", report.UntrackedClientEvents);
            json.WriteStartObject("attack_patterns");
            foreach (var p in report.Patterns)
            {
                json.WriteStartObject(p.Name);
                json.WriteNumber("count", p.Count);
                json.WriteStartArray("examples");
                foreach (var hit in p.Examples)
                {
                    json.WriteStartObject();
                    json.WriteString("datetime", SummaryText.Time(hit.Time));
                    json.WriteString("client_ip", hit.ClientIp);
                    json.WriteString("request", hit.Request);
                    json.WriteString("host", hit.Host);
                    json.WriteString("evidence_id", hit.EvidenceId);
                    json.WriteString("bag_path", hit.BagPath);
                    json.WriteNumber("line", hit.Line);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteStartArray("files");
            foreach (var f in report.Files)
            {
                json.WriteStartObject();
                json.WriteString("host", f.Host);
                json.WriteString("evidence_id", f.EvidenceId);
                json.WriteString("bag_path", f.BagPath);
                json.WriteString("source_path", f.SourcePath);
                json.WriteString("parser", f.Parser);
                json.WriteString("compression", f.Compression);
                json.WriteNumber("events", f.Events);
                json.WriteNumber("unparsed", f.Unparsed);
                json.WriteNumber("outside_window", f.OutsideWindow);
                json.WriteString("verdict", f.Verdict);
                json.WriteStartArray("notes");
                foreach (var note in f.Notes)
                {
                    json.WriteStringValue(note);
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("not_in_manifest");
            foreach (var path in report.Unlisted)
            {
                json.WriteStringValue(path);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void Clients(Utf8JsonWriter json, string name, IReadOnlyList<ClientTally> clients)
    {
        json.WriteStartArray(name);
        foreach (var c in clients)
        {
            json.WriteStartObject();
            json.WriteString("client_ip", c.Address);
            json.WriteNumber("requests", c.Requests);
            json.WriteNumber("errors", c.Errors);
            json.WriteNumber("auth_failures", c.AuthFailures);
            json.WriteString("first", SummaryText.Time(c.First));
            json.WriteString("last", SummaryText.Time(c.Last));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
