using System.Text.RegularExpressions;

namespace EvidenceKit.Verifier.Tests.Docs;

/// <summary>
/// The fenced code blocks of a Markdown file, and the command lines in them. A block may be preceded by a marker
/// <c>&lt;!-- doctest: STORY --&gt;</c> (or <c>&lt;!-- doctest: STORY in DIR --&gt;</c>) saying how the tests run it
/// (<see cref="Block.Marker"/>); a block whose info string is yaml, json or text holds no commands.
/// </summary>
internal static partial class MarkdownCode
{
    private static readonly string[] NotCommands = ["yaml", "json", "text"];

    internal sealed record Block(string File, int Line, string Text, string? Marker, string Info = "")
    {
        /// <summary>Marked plainly <c>&lt;!-- doctest --&gt;</c> or with a story: the tests run it.</summary>
        public bool Runnable => Marker is not null;

        /// <summary>A block of commands (not YAML, JSON or printed text).</summary>
        public bool HoldsCommands => !NotCommands.Contains(Info);

        public string Where => $"{File}:{Line}";
    }

    internal sealed record CommandLine(string File, int Line, IReadOnlyList<string> Words)
    {
        public override string ToString() => $"{File}:{Line}: {string.Join(' ', Words)}";
    }

    [GeneratedRegex(@"^<!--\s*doctest(?::\s*(?<marker>[^>]*?))?\s*-->$")]
    private static partial Regex MarkerLine();

    public static IReadOnlyList<Block> Blocks(string file, string[] lines)
    {
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = lines[i].TrimStart();
            if (!fence.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }
            var marker = i > 0 && MarkerLine().Match(lines[i - 1].Trim()) is { Success: true } m ? m.Groups["marker"].Value : null;
            var indent = lines[i].Length - fence.Length;
            var start = i + 1;
            var end = start;
            while (end < lines.Length && !lines[end].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }
            var text = string.Join('\n', lines[start..Math.Min(end, lines.Length)].Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
            blocks.Add(new Block(file, start + 1, text, marker, fence[3..].Trim()));
            i = end;
        }
        return blocks;
    }

    /// <summary>
    /// The logical command lines of a block, as printed: continuation lines joined, comments and blank lines left out,
    /// the body of a here-document left out (its command line stays).
    /// </summary>
    public static IReadOnlyList<string> CommandLines(Block block)
    {
        var lines = block.Text.Split('\n');
        var commands = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                line = line[..^1].TrimEnd() + " " + lines[++i].Trim();
            }
            commands.Add(line);
            if (HereDocument().Match(line) is { Success: true } here)
            {
                while (i + 1 < lines.Length && lines[i + 1].Trim() != here.Groups[1].Value)
                {
                    i++;
                }
                i++;
            }
        }
        return commands;
    }

    [GeneratedRegex(@"<<-?'?(\w+)'?")]
    private static partial Regex HereDocument();

    /// <summary>
    /// Every evidencekit-collect / evidencekit-verify command in the blocks (continuation lines joined, comments,
    /// redirections and pipes cut off), as the words a shell would pass; <c>dotnet run --project ... --</c> counts as the collector.
    /// </summary>
    public static IReadOnlyList<CommandLine> Commands(IEnumerable<Block> blocks)
    {
        var commands = new List<CommandLine>();
        foreach (var block in blocks)
        {
            var lines = block.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var first = i;
                while (line.EndsWith('\\') && i + 1 < lines.Length)
                {
                    line = line[..^1] + " " + lines[++i].Trim();
                }
                foreach (var segment in line.Split("&&"))
                {
                    var words = Words(segment);
                    // A path to the executable counts when it is run, not when it is the value of another program's option.
                    var at = Enumerable.Range(0, words.Count).FirstOrDefault(k => words[k] is "evidencekit-collect" or "evidencekit-verify"
                        || (words[k].EndsWith("/evidencekit-collect", StringComparison.Ordinal) && (k == 0 || !words[k - 1].StartsWith('-'))), -1);
                    if (at >= 0)
                    {
                        commands.Add(new CommandLine(block.File, block.Line + first, [words[at].EndsWith("evidencekit-verify", StringComparison.Ordinal) ? "evidencekit-verify" : "evidencekit-collect", .. words[(at + 1)..]]));
                    }
                    else if (words.Count > 3 && words[0] == "dotnet" && words[1] == "run" && words.Contains("src/EvidenceKit.Collector") && words.IndexOf("--") is var dash and > 0)
                    {
                        commands.Add(new CommandLine(block.File, block.Line + first, ["evidencekit-collect", .. words[(dash + 1)..]]));
                    }
                }
            }
        }
        return commands;
    }

    /// <summary>Splits like a shell for the simple lines docs hold: quotes, a comment, a redirection or pipe ends it.</summary>
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
                continue;
            }
            if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
                continue;
            }
            if (c is '#' && !inWord || c is '>' or '|' or ';')
            {
                break;
            }
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
                continue;
            }
            current.Append(c);
            inWord = true;
        }
        if (inWord)
        {
            words.Add(current.ToString());
        }
        return words;
    }
}
