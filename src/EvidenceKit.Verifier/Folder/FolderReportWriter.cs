using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using EvidenceKit.Cli;
using EvidenceKit.Core.Verification;
using EvidenceKit.Verifier.Output;

namespace EvidenceKit.Verifier.Folder;

/// <summary>
/// A folder's rows as aligned plain lines (every text from a bundle escaped to one line, so a hostile bundle name
/// cannot move the cursor or forge a row) or as one JSON document (raw JSON; the serializer escapes control characters).
/// </summary>
internal static class FolderReportWriter
{
    private static readonly string[] Headings = ["VERDICT", "HOST", "CASE", "FILES", "SIGNER", "BUNDLE"];

    public static void WritePlain(string folder, IReadOnlyList<FolderRow> rows, bool quiet, bool verbose, TextWriter output)
    {
        var worst = FolderVerification.Worst(rows);
        if (!quiet)
        {
            output.WriteLine($"Folder: {TerminalText.Escape(folder)}");
            var cells = rows.Select(Cells).ToList();
            var widths = Headings.Select((h, i) => Math.Max(h.Length, cells.Select(c => c[i].Length).DefaultIfEmpty(0).Max())).ToArray();
            output.WriteLine(Line(Headings, widths));
            for (var r = 0; r < rows.Count; r++)
            {
                output.WriteLine(Line(cells[r], widths));
                if (rows[r].Verdict != Verdict.Valid || verbose)
                {
                    foreach (var problem in rows[r].Problems)
                    {
                        output.WriteLine($"    - {TerminalText.Escape(problem)}");
                    }
                }
            }
        }
        output.WriteLine(Summary(rows, worst));
    }

    public static void WriteJson(string folder, IReadOnlyList<FolderRow> rows, TextWriter output)
    {
        var worst = FolderVerification.Worst(rows);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("folder", folder);
            json.WriteString("verdict", ReportText.Verdict(worst));
            json.WriteNumber("exitCode", ExitCodes.Of(worst));
            json.WriteStartArray("bundles");
            foreach (var row in rows)
            {
                WriteRow(json, row);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static void WriteRow(Utf8JsonWriter json, FolderRow row)
    {
        json.WriteStartObject();
        json.WriteString("name", row.Name);
        json.WriteString("path", row.Path);
        json.WriteString("verdict", ReportText.Verdict(row.Verdict));
        json.WriteNumber("exitCode", row.ExitCode);
        Nullable(json, "host", row.Host);
        Nullable(json, "case", row.Case);
        Nullable(json, "mode", row.Mode);
        json.WriteBoolean("partial", row.Partial);
        json.WriteNumber("files", row.Files);
        json.WriteNumber("bytes", row.Bytes);
        Nullable(json, "signer", row.Signer);
        Nullable(json, "manifestSha256", row.ManifestSha256);
        if (row.ClockOffset is { } clock)
        {
            json.WriteStartObject("clockOffset");
            json.WriteNumber("seconds", clock.Seconds);
            json.WriteString("reference", clock.Reference);
            json.WriteString("measuredAt", clock.MeasuredAt);
            if (clock.UncertaintySeconds is { } u)
            {
                json.WriteNumber("uncertaintySeconds", u);
            }
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("clockOffset");
        }
        json.WriteStartArray("problems");
        foreach (var problem in row.Problems)
        {
            json.WriteStringValue(problem);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string[] Cells(FolderRow row) =>
    [
        ReportText.Verdict(row.Verdict),
        TerminalText.Escape(row.Host ?? "-"),
        TerminalText.Escape(row.Case ?? "-"),
        row.Files.ToString(CultureInfo.InvariantCulture),
        TerminalText.Escape(row.Signer ?? (row.Verdict is Verdict.Error || row.Partial ? "-" : "unsigned")),
        TerminalText.Escape(row.Name),
    ];

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string Summary(IReadOnlyList<FolderRow> rows, Verdict worst)
    {
        var counts = rows.GroupBy(r => r.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {ReportText.Verdict(g.Key)}");
        var what = rows.Count == 0 ? "no bundles in the folder" : $"{rows.Count} bundles: {string.Join(", ", counts)}";
        return $"{ReportText.Verdict(worst)} (exit {ExitCodes.Of(worst)}): {what}";
    }

    private static void Nullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
