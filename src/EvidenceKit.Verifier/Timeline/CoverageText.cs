using EvidenceKit.Cli;
using EvidenceKit.Timeline.Pipeline;

namespace EvidenceKit.Verifier.Timeline;

/// <summary>
/// What every timeline run prints on stderr at the end, so nothing is dropped silently: events written, and each file
/// whose lines could not all be read (unparsed counts), that no parser knows, that hit the decompression bound, or
/// that could not be read. Every name is escaped for the terminal.
/// </summary>
internal static class CoverageText
{
    public static void Write(TimelineResult result, IReadOnlyList<string> unlisted, long written, string outPath, TextWriter output)
    {
        var parsed = result.Files.Count(f => f.Parser is not null);
        output.WriteLine($"evidencekit-verify: wrote {written} events from {parsed} of {result.Files.Count} files to {TerminalText.Escape(outPath)}");
        foreach (var file in result.Files.Where(f => f.Unparsed > 0))
        {
            output.WriteLine($"  unparsed: {file.Unparsed} lines of {Name(file)} ({TerminalText.Escape(file.Parser)})");
        }
        foreach (var file in result.Files.Where(f => f.Notes.Count > 0))
        {
            foreach (var note in file.Notes)
            {
                output.WriteLine($"  {Name(file)}: {TerminalText.Escape(note)}");
            }
        }
        foreach (var path in unlisted)
        {
            output.WriteLine($"  not in the manifest, not read: {TerminalText.Escape(path)}");
        }
    }

    private static string Name(EvidenceFile file) =>
        $"{TerminalText.Escape(file.Record.EvidenceId)} {TerminalText.Escape(file.Bundle.Facts.Host)}:{TerminalText.Escape(file.Record.SourcePath)}";
}
