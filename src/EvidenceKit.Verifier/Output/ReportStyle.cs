namespace EvidenceKit.Verifier.Output;

/// <summary>
/// The custody report's inline CSS. Printed on A4: fixed table layouts with set column widths so no table is wider
/// than the page; only hashes, paths and command lines may break anywhere; numbers and times never wrap.
/// </summary>
internal static class ReportStyle
{
    public const string Css = """
        @page { size: A4; margin: 18mm 16mm; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: "DejaVu Serif", Georgia, serif; font-size: 10.5pt; color: #111; margin: 0; line-height: 1.4; }
        @media screen { body { max-width: 178mm; margin: 8mm auto; } }
        h1 { font-size: 18pt; margin: 0 0 4pt; }
        h2 { font-size: 13pt; border-bottom: 1.5pt solid #333; padding-bottom: 2pt; margin: 16pt 0 6pt; break-after: avoid; page-break-after: avoid; }
        h3 { font-size: 11pt; margin: 12pt 0 4pt; break-after: avoid; page-break-after: avoid; }
        h2.appendix { break-before: page; page-break-before: always; }
        p { margin: 4pt 0 6pt; overflow-wrap: break-word; }
        p.sub { margin: 0 0 8pt; color: #444; }
        ul { margin: 2pt 0 6pt; padding-left: 16pt; }
        li { overflow-wrap: break-word; }
        table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 4pt 0 8pt; }
        th, td { border: 0.5pt solid #999; padding: 2pt 4pt; text-align: left; vertical-align: top; overflow-wrap: break-word; }
        th { background: #eee; font-weight: bold; }
        table.kv col.k { width: 32%; }
        table.kv th { background: #f5f5f5; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        .hash, .path, code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 7.5pt; word-break: break-all; overflow-wrap: anywhere; }
        .small td, .small th { font-size: 8.5pt; }
        .nw { white-space: nowrap; }
        td.num { white-space: nowrap; text-align: right; }
        .verdict { border: 2.5pt solid #333; padding: 6pt 10pt; margin: 6pt 0 10pt; break-inside: avoid; }
        .verdict .title { font-size: 15pt; font-weight: bold; }
        .verdict p { margin: 4pt 0 0; font-size: 11pt; }
        .v-valid { border-color: #1a7f37; } .v-invalid, .v-error { border-color: #b00020; } .v-untrusted, .v-incomplete { border-color: #a06000; }
        .pass { color: #1a7f37; } .fail { color: #b00020; font-weight: bold; } .warn { color: #a06000; } .skip { color: #666; }
        .statement { border: 1pt solid #333; padding: 8pt 12pt; margin-top: 10pt; break-inside: avoid; page-break-inside: avoid; }
        .line { border-bottom: 0.75pt solid #000; height: 22pt; margin: 10pt 0 2pt; }
        .caption { font-size: 8.5pt; color: #444; }
        pre { white-space: pre-wrap; word-break: break-all; overflow-wrap: anywhere; font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 7.5pt; background: #f7f7f7; padding: 4pt; margin: 2pt 0 8pt; }
        """;
}
