using System.Text.RegularExpressions;
using EvidenceKit.Testing;
using Xunit.Abstractions;

namespace EvidenceKit.Verifier.Tests.Docs;

/// <summary>
/// The commands the docs write inline in prose (<see cref="InlineCode"/> says which spans are commands) are
/// inventoried like the fenced ones: each is the beginning of a fenced command line that is run (by a story, CI
/// or elsewhere) or listed as a fenced exception, or is run as printed by a story
/// (<see cref="CommandInventory.InlineRuns"/>), or by a named test or CI (<see cref="CommandInventory.InlineElsewhere"/>),
/// or is an exception whose reason its document prints (<see cref="CommandInventory.InlineExceptions"/>).
/// </summary>
public sealed partial class InlineCommandsTests(ITestOutputHelper output)
{
    private static string Root => Run.RepositoryRoot();

    private static string[] Lines(string document) => File.ReadAllLines(Path.Combine(Root, document));

    private static IEnumerable<InlineCode.Span> Commands(string document, string[] lines) =>
        InlineCode.Spans(document, lines).Where(s => InlineCode.IsCommand(s, Root));

    /// <summary>The command lines of the fenced blocks that something runs or that are listed as exceptions, cut into the commands a shell would run.</summary>
    private static List<string[]> Covered()
    {
        var lines = new List<string>();
        foreach (var document in CommandInventory.Documents)
        {
            foreach (var block in MarkdownCode.Blocks(document, Lines(document)).Where(b => b.HoldsCommands))
            {
                var commands = MarkdownCode.CommandLines(block).Select(CommandInventory.Key);
                lines.AddRange(block.Runnable ? commands : commands.Where(c =>
                    CommandInventory.Elsewhere.Any(e => e.Command == c) || CommandInventory.Exceptions.Any(e => e.Command == c)));
            }
        }
        return lines.SelectMany(l => Segment().Split(l).Append(l)).Select(InlineCode.Words).ToList();
    }

    [GeneratedRegex(@"\s(?:&&|\|\||\||;)\s")]
    private static partial Regex Segment();

    /// <summary>How <paramref name="span"/> is covered, or null when nothing covers it.</summary>
    private static string? Coverage(InlineCode.Span span, List<string[]> covered)
    {
        var key = span.Key;
        var words = InlineCode.Words(key);
        if (covered.FirstOrDefault(c => c.Length >= words.Length && c.Take(words.Length).SequenceEqual(words)) is { } line)
        {
            return $"the fenced command '{string.Join(' ', line)}'";
        }
        if (CommandInventory.InlineRuns.Any(r => r.Document == span.File && r.Command == key))
        {
            return "run by its story";
        }
        if (CommandInventory.InlineElsewhere.FirstOrDefault(e => e.Command == key) is { Command: not null } elsewhere)
        {
            return elsewhere.Test is null ? elsewhere.RunBy : $"{elsewhere.Test} ({elsewhere.RunBy})";
        }
        return CommandInventory.InlineExceptions.FirstOrDefault(e => e.Command == key) is { Command: not null } exception
            ? $"not run: {exception.Reason}"
            : null;
    }

    private static List<string> Uncovered(IEnumerable<InlineCode.Span> commands, List<string[]> covered) =>
        commands.Where(c => Coverage(c, covered) is null)
            .Select(c => $"{c.Where}: '{c.Key}' is run by no test: run it in a story (CommandInventory.InlineRuns), name the test or CI step that runs it, or list it as an exception").ToList();

    [Fact]
    public void Every_inline_command_is_run_by_a_story_a_test_or_CI_or_is_a_listed_exception()
    {
        var covered = Covered();
        var commands = CommandInventory.Documents.SelectMany(d => Commands(d, Lines(d))).ToList();
        foreach (var command in commands)
        {
            output.WriteLine($"{command.Where}: {command.Key}  <-  {Coverage(command, covered) ?? "NOTHING"}");
        }

        commands.Should().HaveCountGreaterThan(50);
        Uncovered(commands, covered).Should().BeEmpty();
        var printed = commands.Select(c => (c.File, c.Key)).ToHashSet();
        CommandInventory.InlineRuns.Select(r => (r.Document, r.Command))
            .Concat(CommandInventory.InlineElsewhere.Select(e => ("*", e.Command)))
            .Concat(CommandInventory.InlineExceptions.Select(e => ("*", e.Command)))
            .Where(e => !printed.Any(p => p.Key == e.Item2 && (e.Item1 == "*" || p.File == e.Item1)))
            .Should().BeEmpty("an inventory entry must name an inline command its document prints");
    }

    [Fact]
    public void A_new_inline_command_fails_the_inventory_until_it_is_run_or_listed()
    {
        string[] lines =
        [
            "Check the bundle with `sha256sum -c --strict manifest-sha256.txt`, or by hand with `openssl rand -hex 8`",
            "and `sudo bench/run.sh --dir /tmp/x`; set `SIZE_MB=8 bench/timeline.sh` or give `--json`.",
            "",
            "Names are not commands: `evidencekit-verify`, `scripts/test.sh`, `openssl`, `--trust FILE`, `/etc/ssh/sshd_config`.",
            "A span may run over lines: `evidencekit-verify BUNDLE",
            "--json`.",
            "",
            "```",
            "`openssl rand -hex 9` in a fence is the fenced inventory's",
            "```",
            "``echo `date` `` holds a backtick.",
        ];

        var spans = InlineCode.Spans("x.md", lines);
        var commands = spans.Where(s => InlineCode.IsCommand(s, Root)).Select(s => (s.Line, s.Key)).ToList();

        commands.Should().Equal(
            (1, "sha256sum -c --strict manifest-sha256.txt"), (1, "openssl rand -hex 8"), (2, "sudo bench/run.sh --dir /tmp/x"),
            (2, "SIZE_MB=8 bench/timeline.sh"), (5, "evidencekit-verify BUNDLE --json"), (11, "echo `date`"));
        Uncovered(spans.Where(s => InlineCode.IsCommand(s, Root)), Covered()).Should()
            .NotContain(p => p.Contains("sha256sum", StringComparison.Ordinal), "README's bundle stories run sha256sum -c --strict manifest-sha256.txt")
            .And.Contain(p => p.StartsWith("x.md:1: 'openssl rand -hex 8' is run by no test", StringComparison.Ordinal),
                "a new inline command is not covered until a story runs it or the inventory lists it")
            .And.Contain(p => p.StartsWith("x.md:11: 'echo `date`'", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_span_that_starts_with_a_program_that_runs_here_is_a_command_or_a_listed_non_command()
    {
        var spans = CommandInventory.Documents.SelectMany(d => InlineCode.Spans(d, Lines(d))).ToList();

        spans.Where(s => !InlineCode.IsCommand(s, Root) && InlineCode.RunnableFirstWord(s) is not null
                && !CommandInventory.NotCommands.Any(n => n.Span == s.Key))
            .Select(s => $"{s.Where}: '{s.Key}' starts with the program {InlineCode.RunnableFirstWord(s)}: add it to CommandInventory.Programs, or to NotCommands with why")
            .Should().BeEmpty();
        CommandInventory.NotCommands.Where(n => !spans.Any(s => s.Key == n.Span)).Should().BeEmpty("a listed non-command must be printed");
    }

    [Fact]
    public void Every_inline_command_run_elsewhere_names_a_test_that_exists_and_files_that_hold_its_program_and_options()
    {
        var problems = new List<string>();
        foreach (var (command, runBy, test, files) in CommandInventory.InlineElsewhere)
        {
            var missing = files.Where(f => !File.Exists(Path.Combine(Root, f))).ToList();
            problems.AddRange(missing.Select(f => $"'{command}': {f} does not exist"));
            var text = string.Join('\n', files.Except(missing).Select(f => File.ReadAllText(Path.Combine(Root, f))));
            var words = InlineCode.Words(command);
            var program = words[0][(words[0].LastIndexOf('/') + 1)..];
            // CI runs what it names word for word; a test may give its own paths and names, but the program and every option are the printed ones.
            var needed = test is null ? words : [program, .. words.Where(w => w.StartsWith('-'))];
            problems.AddRange(needed.Where(w => !text.Contains(w, StringComparison.Ordinal)).Select(w => $"'{command}': '{w}' is not in {string.Join(", ", files)}"));
            if (runBy.Contains("as printed", StringComparison.Ordinal) && !text.Contains(command, StringComparison.Ordinal))
            {
                problems.Add($"'{command}' is not in {string.Join(", ", files)} as printed");
            }
            if (test is not null)
            {
                var (type, method) = (test[..test.IndexOf('.')], test[(test.IndexOf('.') + 1)..]);
                var holds = Directory.EnumerateFiles(Path.Combine(Root, "tests"), type + ".cs", SearchOption.AllDirectories)
                    .Any(f => File.ReadAllText(f).Contains($"void {method}(", StringComparison.Ordinal) || File.ReadAllText(f).Contains($"Task {method}(", StringComparison.Ordinal));
                if (!holds)
                {
                    problems.Add($"'{command}': no test {test} (a method {method} in a file {type}.cs under tests/)");
                }
            }
        }

        problems.Should().BeEmpty();
    }

    [Fact]
    public void Every_inline_exception_prints_its_reason_in_its_document()
    {
        var texts = CommandInventory.Documents.Select(d => InlineCode.Normalize(File.ReadAllText(Path.Combine(Root, d)))).ToList();

        CommandInventory.InlineExceptions.Where(e => !texts.Any(t => t.Contains(InlineCode.Normalize(e.Reason), StringComparison.Ordinal)))
            .Select(e => $"{e.Command}: the reason '{e.Reason}' is not printed").Should().BeEmpty();
    }
}
