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
            Objects(json, "bundles", report.Bundles, (j, b) =>
            {
                j.WriteString("path", b.Path);
                j.WriteString("bundle_id", b.BundleId);
                j.WriteString("host", b.Host);
                j.WriteString("verdict", b.Verdict);
                j.WriteString("zone", b.Zone);
            });
            json.WriteNumber("events_written", report.EventsWritten);
            Objects(json, "sources", report.Sources, (j, s) =>
            {
                j.WriteString("host", s.Host);
                j.WriteString("source_path", s.SourcePath);
                j.WriteString("parser", s.Parser);
                j.WriteNumber("events", s.Events);
                j.WriteString("first", SummaryText.Time(s.First));
                j.WriteString("last", SummaryText.Time(s.Last));
            });
            Objects(json, "top_requests", report.TopByRequests, Client);
            Objects(json, "top_errors", report.TopByErrors, Client);
            Objects(json, "top_auth_failures", report.TopByAuthFailures, Client);
            json.WriteNumber("untracked_client_events", report.UntrackedClientEvents);
            json.WriteStartObject("attack_patterns");
            foreach (var p in report.Patterns)
            {
                json.WriteStartObject(p.Name);
                json.WriteNumber("count", p.Count);
                Objects(json, "examples", p.Examples, (j, hit) =>
                {
                    j.WriteString("datetime", SummaryText.Time(hit.Time));
                    j.WriteString("client_ip", hit.ClientIp);
                    j.WriteString("request", hit.Request);
                    j.WriteString("host", hit.Host);
                    j.WriteString("evidence_id", hit.EvidenceId);
                    j.WriteString("bag_path", hit.BagPath);
                    j.WriteNumber("line", hit.Line);
                });
                json.WriteEndObject();
            }
            json.WriteEndObject();
            Objects(json, "files", report.Files, (j, f) =>
            {
                j.WriteString("host", f.Host);
                j.WriteString("evidence_id", f.EvidenceId);
                j.WriteString("bag_path", f.BagPath);
                j.WriteString("source_path", f.SourcePath);
                j.WriteString("parser", f.Parser);
                j.WriteString("compression", f.Compression);
                j.WriteNumber("events", f.Events);
                j.WriteNumber("unparsed", f.Unparsed);
                j.WriteNumber("outside_window", f.OutsideWindow);
                j.WriteString("verdict", f.Verdict);
                Strings(j, "notes", f.Notes);
            });
            Strings(json, "not_in_manifest", report.Unlisted);
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void Client(Utf8JsonWriter json, ClientTally c)
    {
        json.WriteString("client_ip", c.Address);
        json.WriteNumber("requests", c.Requests);
        json.WriteNumber("errors", c.Errors);
        json.WriteNumber("auth_failures", c.AuthFailures);
        json.WriteString("first", SummaryText.Time(c.First));
        json.WriteString("last", SummaryText.Time(c.Last));
    }

    /// <summary>An array <paramref name="name"/> of one object per item, its members written by <paramref name="members"/>.</summary>
    private static void Objects<T>(Utf8JsonWriter json, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> members)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            members(json, item);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}
