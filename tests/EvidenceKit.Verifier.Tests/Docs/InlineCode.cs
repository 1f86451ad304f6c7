namespace EvidenceKit.Verifier.Tests.Docs;

/// <summary>
/// The inline code spans of a Markdown file's prose (outside fenced blocks), and which of them are commands.
/// A span is delimited by backtick runs of equal length and may run over the lines of one paragraph (a line break
/// in it reads as a space). <b>The rule:</b> a span is a command when, after a leading <c>sudo</c> and
/// <c>NAME=value</c> assignments, its first word is a program the docs tell users to run
/// (<see cref="CommandInventory.Programs"/>, by the last part of its path: <c>/usr/bin/time</c> is <c>time</c>) or a
/// relative path to a file of the repository (a script such as <c>bench/run.sh</c>), and the span is more than that
/// one word: a program's or a file's name alone, and an option alone (<c>--json</c>), are names, not commands.
/// </summary>
internal static class InlineCode
{
    internal sealed record Span(string File, int Line, string Text)
    {
        /// <summary>The text with every run of white space made one space, as the inventory names it.</summary>
        public string Key => Normalize(Text);

        public string Where => $"{File}:{Line}";
    }

    public static string Normalize(string text) => string.Join(' ', Words(text));

    public static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Every inline code span of <paramref name="lines"/> outside fenced blocks, with the line it starts on.</summary>
    public static IReadOnlyList<Span> Spans(string file, string[] lines)
    {
        var spans = new List<Span>();
        var paragraph = new List<(int Line, string Text)>();
        var fenced = false;
        for (var i = 0; i <= lines.Length; i++)
        {
            var line = i < lines.Length ? lines[i] : "";
            var fence = line.TrimStart().StartsWith("```", StringComparison.Ordinal);
            if (fence || fenced || line.Trim().Length == 0)
            {
                spans.AddRange(InParagraph(file, paragraph));
                paragraph.Clear();
                fenced ^= fence;
                continue;
            }
            paragraph.Add((i + 1, line));
        }
        return spans;
    }

    private static IEnumerable<Span> InParagraph(string file, List<(int Line, string Text)> paragraph)
    {
        if (paragraph.Count == 0)
        {
            yield break;
        }
        var text = string.Join('\n', paragraph.Select(p => p.Text));
        var at = 0;
        while (at < text.Length)
        {
            if (text[at] != '`')
            {
                at++;
                continue;
            }
            var open = Run(text, at);
            var close = -1;
            for (var k = at + open; k < text.Length;)
            {
                if (text[k] != '`')
                {
                    k++;
                    continue;
                }
                var run = Run(text, k);
                if (run == open)
                {
                    close = k;
                    break;
                }
                k += run;
            }
            if (close < 0)
            {
                at += open;
                continue;
            }
            var content = text[(at + open)..close].Replace('\n', ' ');
            if (content.Length > 1 && content[0] == ' ' && content[^1] == ' ' && content.Trim().Length > 0)
            {
                content = content[1..^1];
            }
            yield return new Span(file, paragraph[0].Line + text[..at].Count(c => c == '\n'), content);
            at = close + open;
        }
    }

    private static int Run(string text, int at)
    {
        var end = at;
        while (end < text.Length && text[end] == '`')
        {
            end++;
        }
        return end - at;
    }

    /// <summary>Whether <paramref name="span"/> is a command by the rule above.</summary>
    public static bool IsCommand(Span span, string repository)
    {
        var words = Words(span.Text);
        var at = 0;
        while (at < words.Length && (words[at] == "sudo" || IsAssignment(words[at])))
        {
            at++;
        }
        if (words.Length < 2 || at >= words.Length)
        {
            return false;
        }
        var program = words[at];
        return CommandInventory.Programs.Contains(program[(program.LastIndexOf('/') + 1)..])
            || (!program.StartsWith('/') && program.Contains('/') && IsRepositoryFile(program, span.File, repository));
    }

    /// <summary>The first word of a span that is not a command by the rule, when it names a program that can run here.</summary>
    public static string? RunnableFirstWord(Span span)
    {
        var words = Words(span.Text);
        if (words.Length < 2)
        {
            return null;
        }
        var first = words[0];
        if (first.StartsWith('/'))
        {
            return File.Exists(first) && (File.GetUnixFileMode(first) & UnixFileMode.UserExecute) != 0 ? first : null;
        }
        if (first.Contains('/'))
        {
            return null;
        }
        var path = System.Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, first))) ? first : null;
    }

    private static bool IsAssignment(string word)
    {
        var equals = word.IndexOf('=');
        return equals > 0 && (char.IsLetter(word[0]) || word[0] == '_') && word[..equals].All(c => char.IsLetterOrDigit(c) || c == '_');
    }

    private static bool IsRepositoryFile(string path, string document, string repository) =>
        File.Exists(Path.Combine(repository, path)) || File.Exists(Path.Combine(repository, Path.GetDirectoryName(document) ?? "", path));
}
