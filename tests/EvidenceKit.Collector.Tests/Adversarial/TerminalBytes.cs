namespace EvidenceKit.Collector.Tests.Adversarial;

/// <summary>What a terminal would obey in captured output: any control character but the newline.</summary>
internal static class TerminalBytes
{
    /// <summary>The characters of <paramref name="output"/> that a terminal could act on (ESC, BEL, CR, C1, bidi, ...).</summary>
    public static IReadOnlyList<string> Controls(string output, bool allowCarriageReturn = false) => output
        .Where(c => (c < ' ' && c != '\n' && !(allowCarriageReturn && c == '\r')) || c is >= '\u007f' and <= '\u009f'
            || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' or '\u200e' or '\u200f')
        .Select(c => $"U+{(int)c:X4}")
        .Distinct()
        .ToList();
}
