using System.Text.Encodings.Web;
using System.Text.Json;
using EvidenceKit.Cli;
using EvidenceKit.Core.Custody;
using Spectre.Console;

namespace EvidenceKit.Verifier.Custody;

/// <summary>
/// The custody chain as text: a table, plain lines, or JSON. Event texts, names and findings come from the bundle:
/// plain lines and table cells show them escaped to one line (<see cref="TerminalText"/>); JSON is raw JSON.
/// </summary>
internal static class ChainWriter
{
    public static void Plain(CustodyChainResult chain, TextWriter output)
    {
        if (chain.Events.Count == 0)
        {
            output.WriteLine("No custody events.");
        }
        foreach (var e in chain.Events)
        {
            output.WriteLine($"{e.Sequence:D6}  {Shown(e.Event?.Time ?? "?")}  {Shown(e.Event?.Kind ?? "?"),-8}  {Shown(Who(e))}  {Status(e)}");
            foreach (var (label, value) in Fields(e.Event))
            {
                output.WriteLine($"        {label}: {Shown(value)}");
            }
        }
        Findings(chain, output);
    }

    public static void Table(CustodyChainResult chain, TextWriter output)
    {
        var console = TerminalConsole.Create(output);
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "#", "When (UTC)", "What", "Who", "From", "To", "Purpose", "Location", "Seal", "Signature" })
        {
            table.AddColumn(column);
        }
        foreach (var e in chain.Events)
        {
            var ev = e.Event;
            table.AddRow(
                Cell($"{e.Sequence:D6}"), Cell(ev?.Time), Cell(ev?.Kind), Cell(Who(e)), Cell(ev?.From), Cell(ev?.To),
                Cell(ev?.Purpose), Cell(ev?.Location), Cell(ev?.Seal), Cell(Status(e)));
        }
        console.Write(table);
        Findings(chain, output);
    }

    public static void Json(CustodyChainResult chain, int exitCode, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("status", exitCode == 0 ? "intact" : chain.Problems.Count > 0 ? "broken" : "untrusted");
            json.WriteNumber("exitCode", exitCode);
            if (chain.HeadSha256 is { } head)
            {
                json.WriteString("headSha256", head);
            }
            json.WriteStartArray("events");
            foreach (var e in chain.Events)
            {
                json.WriteStartObject();
                json.WriteNumber("sequence", e.Sequence);
                json.WriteString("path", e.Path);
                json.WriteString("sha256", e.Sha256);
                json.WriteBoolean("signatureValid", e.Signature?.SignatureValid ?? false);
                json.WriteBoolean("signerTrusted", e.Signature?.Trusted ?? false);
                if (e.Event is { } ev)
                {
                    json.WritePropertyName("event");
                    JsonSerializer.Serialize(json, ev, Core.Bundles.Manifest.ManifestJson.WriteOptions);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteStrings(json, "problems", chain.Problems);
            WriteStrings(json, "untrusted", chain.Untrusted);
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    private static void Findings(CustodyChainResult chain, TextWriter output)
    {
        foreach (var problem in chain.Problems)
        {
            output.WriteLine($"BROKEN: {Shown(problem)}");
        }
        foreach (var untrusted in chain.Untrusted)
        {
            output.WriteLine($"UNTRUSTED: {Shown(untrusted)}");
        }
        var verdict = chain.Problems.Count > 0 ? "The custody chain is BROKEN."
            : chain.Untrusted.Count > 0 ? "The custody chain is intact, but not every signer is trusted by your policy."
            : chain.Events.Count == 0 ? "" : "The custody chain is intact and every signer is trusted.";
        if (verdict.Length > 0)
        {
            output.WriteLine(verdict);
        }
        if (chain.HeadSha256 is { } head)
        {
            output.WriteLine($"Head: {Shown(chain.Events[^1].Path)} SHA-256 {Shown(head)}");
        }
    }

    private static string Who(VerifiedCustodyEvent e) =>
        e.Event is { } ev ? ev.Actor.Organization is { } org ? $"{ev.Actor.Name} ({org})" : ev.Actor.Name : "?";

    private static string Status(VerifiedCustodyEvent e) => e.Signature switch
    {
        null => "unsigned",
        { SignatureValid: false } => "BAD SIGNATURE",
        { Trusted: false } => "signed, untrusted",
        _ => "signed, trusted",
    };

    private static IEnumerable<(string, string)> Fields(CustodyEvent? e)
    {
        if (e is null)
        {
            yield break;
        }
        foreach (var (label, value) in new[]
        {
            ("from", e.From), ("to", e.To), ("purpose", e.Purpose), ("location", e.Location), ("medium", e.Medium), ("seal", e.Seal),
            ("verified", e.Verification is { } v ? $"{v.Verdict} at {v.VerifiedAt} by {v.Verifier} ({v.Files} files, {v.Bytes} bytes)" : null),
        })
        {
            if (value is not null)
            {
                yield return (label, value);
            }
        }
    }

    private static Markup Cell(string? text) => new(TerminalConsole.Markup(text));

    private static string Shown(string? text) => TerminalText.Escape(text);
}
