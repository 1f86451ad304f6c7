using System.IO.Abstractions;
using EvidenceKit.Collector;
using EvidenceKit.Testing;

namespace EvidenceKit.Verifier.Tests.Docs;

/// <summary>
/// The commands README.md, signing/README.md and the fleet role's README print work. Every
/// evidencekit-collect and evidencekit-verify line parses with the real command trees; every block marked
/// <c>&lt;!-- doctest: STORY --&gt;</c> is run as printed, the blocks of one story in order in one sandbox
/// (<see cref="DocSandbox"/>), with only the placeholders of <see cref="DocStories"/> replaced
/// (<see cref="DocPlaceholders"/>); README's first block is run by .ci/run; and the inventory test fails when a
/// command appears that is neither run here nor listed in <see cref="CommandInventory"/> (run elsewhere, or an
/// exception whose reason the document prints).
/// </summary>
public sealed class DocumentedCommandsTests
{
    private static readonly string[] Documents = ["README.md", "signing/README.md"];

    public static TheoryData<string> DocumentNames() => new(Documents);

    private static IReadOnlyList<MarkdownCode.Block> Blocks(string document) =>
        MarkdownCode.Blocks(document, File.ReadAllLines(Path.Combine(Run.RepositoryRoot(), document)));

    private static (string Story, string? Directory) Story(MarkdownCode.Block block)
    {
        var words = block.Marker!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words switch
        {
            [var story] => (story, null),
            [var story, "in", var directory] => (story, "@" + directory),
            _ => throw new FormatException($"{block.Where}: doctest marker '{block.Marker}' is not 'STORY' or 'STORY in DIR'"),
        };
    }

    [Theory]
    [MemberData(nameof(DocumentNames))]
    public void Every_printed_command_parses_with_the_real_command_tree(string document)
    {
        var commands = MarkdownCode.Commands(Blocks(document));
        commands.Should().NotBeEmpty();

        var problems = new List<string>();
        using var sink = new StringWriter();
        foreach (var command in commands)
        {
            var root = command.Words[0] == "evidencekit-verify"
                ? VerifierRoot.Build(VerifierServices.Real(TimeProvider.System), sink, sink, stdoutIsTerminal: false)
                : CollectorRoot.Build(new FileSystem(), TimeProvider.System, sink, []);
            var parse = root.Parse(command.Words.Skip(1).ToArray());
            problems.AddRange(parse.Errors.Select(e => $"{command}\n    {e.Message}"));
        }

        problems.Should().BeEmpty();
    }

    [Fact]
    public void A_misspelt_option_in_a_printed_command_is_found()
    {
        var block = new MarkdownCode.Block("x.md", 1, "evidencekit-collect keygen --name \"Jane Doe\" --organization \"ACME\" --out ~/jane.p12", null);
        var command = MarkdownCode.Commands([block]).Single();
        using var sink = new StringWriter();

        var parse = CollectorRoot.Build(new FileSystem(), TimeProvider.System, sink, []).Parse(command.Words.Skip(1).ToArray());

        parse.Errors.Select(e => e.Message).Should().Contain(m => m.Contains("--name"));
    }

    [Fact]
    public void Every_documented_command_is_run_by_a_test_or_CI_or_is_a_listed_exception()
    {
        var root = Run.RepositoryRoot();
        var problems = new List<string>();
        var unmarked = new List<string>();
        var counts = new Dictionary<string, int>();
        foreach (var document in CommandInventory.Documents)
        {
            foreach (var block in Blocks(document).Where(b => b.HoldsCommands))
            {
                var commands = MarkdownCode.CommandLines(block);
                if (block.Marker is null)
                {
                    unmarked.AddRange(commands.Select(c => CommandInventory.Key(c)));
                    problems.AddRange(commands.Select(CommandInventory.Key)
                        .Where(c => !CommandInventory.Elsewhere.Any(e => e.Command == c) && !CommandInventory.Exceptions.Any(e => e.Command == c))
                        .Select(c => $"{document}:{block.Line}: '{c}' is run by no test: mark its block <!-- doctest: STORY --> or list it in CommandInventory"));
                    continue;
                }
                var (story, _) = Story(block);
                if (story != DocStories.Ci && !DocStories.Runnable.Contains(story))
                {
                    problems.Add($"{document}:{block.Line}: no story '{story}'");
                }
                counts[story] = counts.GetValueOrDefault(story) + commands.Count;
            }
        }

        problems.Should().BeEmpty();
        CommandInventory.Elsewhere.Select(e => e.Command).Concat(CommandInventory.Exceptions.Select(e => e.Command))
            .Where(c => !unmarked.Contains(c)).Should().BeEmpty("an inventory entry must name a command the docs print");
        counts.Keys.Should().BeEquivalentTo([DocStories.Ci, .. DocStories.Runnable], "every story runs at least one block");
    }

    [Fact]
    public void Every_exception_prints_its_reason_in_its_document()
    {
        var root = Run.RepositoryRoot();
        var texts = CommandInventory.Documents.Select(d => Normalize(File.ReadAllText(Path.Combine(root, d)))).ToList();

        CommandInventory.Exceptions.Where(e => !texts.Any(t => t.Contains(Normalize(e.Reason), StringComparison.Ordinal)))
            .Select(e => $"{e.Command}: the reason '{e.Reason}' is not printed").Should().BeEmpty();
        CommandInventory.Exceptions.Select(e => e.Command).Should().Equal(
            "groupadd --system evidence",
            "useradd --gid evidence --shell /usr/sbin/nologin --home-dir /srv/evidence/case42 --no-create-home ir-case42",
            "install -d -o root -g root -m 0755 /srv/evidence/case42",
            "install -d -o ir-case42 -g evidence -m 0750 /srv/evidence/case42/upload",
            "install -d -o root -g root -m 0755 /srv/evidence/case42/.ssh",
            "install -m 0644 -o root -g root collector_key.pub /srv/evidence/case42/.ssh/authorized_keys",
            "systemctl reload ssh",
            "scripts/publish.sh linux-x64 win-x64 osx-arm64",
            "sudo bench/run.sh",
            "sudo bench/run.sh --corpora large --rounds 1",
            "sudo bench/run.sh --corpora million",
            "sudo bench/run.sh --dir /mnt/disk/tmp",
            "bench/run.sh --collect ./evidencekit-collect --verify ./evidencekit-verify");
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Every_command_run_elsewhere_is_in_the_file_that_runs_it()
    {
        var root = Run.RepositoryRoot();
        foreach (var (command, runBy, file) in CommandInventory.Elsewhere)
        {
            File.Exists(Path.Combine(root, file)).Should().BeTrue($"{runBy} runs '{command}'");
        }
        var ci = File.ReadAllText(Path.Combine(root, ".ci", "run"));
        ci.Should().Contain("awk '/^```/{n++; next} n==1' README.md", "CI runs README's first block as printed");
        ci.Should().Contain("/^## Getting the binary onto the server/", "CI runs README's publish command as printed");
        var fleet = File.ReadAllText(Path.Combine(root, "tests", "EvidenceKit.Fleet.Tests", "Support", "FleetScenario.cs"));
        fleet.Should().Contain("\"ansible-playbook\", [\"-i\", inventory, playbook, \"-f\", \"25\"]");
        var server = File.ReadAllText(Path.Combine(root, "tests", "EvidenceKit.Fleet.Tests", "Support", "EvidenceServer.cs"));
        server.Should().Contain("\"create\", \"--case\"").And.Contain("[\"lock\", \"--case\"").And.Contain("[\"delete\", \"--case\"");
        fleet.Should().Contain("[\"EVIDENCEKIT_SSH_KEY_PASSPHRASE\"] =", "the fleet tests give the evidence key's passphrase as README exports it");
        Blocks("README.md")[0].Should().Match<MarkdownCode.Block>(b => b.Marker == DocStories.Ci);
    }

    public static TheoryData<string, string> Stories()
    {
        var stories = new TheoryData<string, string>();
        foreach (var document in Documents)
        {
            foreach (var story in Blocks(document).Where(b => b.Runnable && Story(b).Story != DocStories.Ci).Select(b => Story(b).Story).Distinct())
            {
                stories.Add(document, story);
            }
        }
        return stories;
    }

    [SkippableTheory]
    [MemberData(nameof(Stories))]
    public void Every_block_of_a_story_runs_as_printed(string document, string story)
    {
        if (story is "machine" or "sftp")
        {
            Requires.Root("the story collects this machine's own logs as printed, which only root can read whole");
        }
        if (story is "timeline")
        {
            Requires.Program("mactime", "sleuthkit");
        }
        if (document == "README.md" && story == "bundles")
        {
            Requires.Program("chromium", "chromium");
        }
        using var sandbox = new DocSandbox(answerPrompts: story == "signing");
        var values = DocStories.Values(story, sandbox);
        var blocks = Blocks(document).Where(b => b.Runnable && Story(b).Story == story).ToList();
        blocks.Should().NotBeEmpty();
        foreach (var block in blocks)
        {
            var directory = Story(block).Directory is { } key ? values[key]() : null;
            var script = DocPlaceholders.Apply(block.Text, values);
            var run = sandbox.RunBlock($"block-{block.Line}", script, directory);
            run.ExitCode.Should().Be(0, $"{block.Where} must run as printed:\n{block.Text}\n--- as run:\n{script}\n--- it printed:\n{run}");
        }
        var n = 0;
        foreach (var inline in CommandInventory.InlineRuns.Where(r => r.Document == document && r.Story == story))
        {
            var script = DocPlaceholders.Apply(inline.Command, values);
            var run = sandbox.RunBlock($"inline-{++n}", script, null);
            run.ExitCode.Should().Be(inline.Exit, $"{document}'s inline command must run as printed:\n{inline.Command}\n--- as run:\n{script}\n--- it printed:\n{run}");
            if (inline.Prints.Length > 0)
            {
                (run.StdOut + run.StdErr).Should().Contain(inline.Prints, $"{document}'s inline command {inline.Command} prints it");
            }
        }
    }

    [Fact]
    public void The_mapping_replaces_a_placeholder_only_as_a_whole_word()
    {
        var values = new Dictionary<string, Func<string>> { ["ROOT.pem"] = () => "/t/root.pem", ["/media/usb"] = () => "/t/usb", ["'...'"] = () => "'pw'", ["@bundle"] = () => "/t/b" };

        DocPlaceholders.Apply("--trust ROOT.pem -CAfile TSA-ROOT.pem $dir/ROOT.pem ROOT.pems", values)
            .Should().Be("--trust /t/root.pem -CAfile TSA-ROOT.pem $dir/ROOT.pem ROOT.pems");
        DocPlaceholders.Apply("--target /media/usb/evidence --key /media/usbkey X='...' @bundle", values)
            .Should().Be("--target /t/usb/evidence --key /media/usbkey X='pw' @bundle");
    }

    [Theory]
    [MemberData(nameof(Stories))]
    public void Every_placeholder_of_a_story_is_printed_in_its_blocks(string document, string story)
    {
        using var sandbox = new DocSandbox();
        var blocks = Blocks(document).Where(b => b.Runnable && Story(b).Story == story).ToList();
        var texts = blocks.Select(b => b.Text).Concat(CommandInventory.InlineRuns.Where(r => r.Document == document && r.Story == story).Select(r => r.Command)).ToList();

        DocStories.Values(story, sandbox).Keys
            .Where(k => k.StartsWith('@') ? !blocks.Any(b => Story(b).Directory == k) : !texts.Any(t => DocPlaceholders.Occurs(t, k)))
            .Should().BeEmpty("a mapping entry no block uses is a placeholder the docs no longer print");
    }

    [Fact]
    public void The_options_table_in_the_readme_lists_exactly_the_options_collect_declares()
    {
        var readme = File.ReadAllLines(Path.Combine(Run.RepositoryRoot(), "README.md"));
        var table = readme.SkipWhile(l => l != "## Options").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Where(l => l.StartsWith("| `--", StringComparison.Ordinal));
        var documented = table.SelectMany(row => System.Text.RegularExpressions.Regex.Matches(row.Split(" | ")[0], "`(--[a-z-]+)").Select(m => m.Groups[1].Value))
            .ToHashSet();
        using var sink = new StringWriter();
        var declared = CollectorRoot.Build(new FileSystem(), TimeProvider.System, sink, []).Options
            .Select(o => o.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal) && n is not ("--help" or "--version")).ToHashSet();

        documented.Should().BeEquivalentTo(declared);
    }

    [Fact]
    public void The_exit_code_table_in_the_readme_is_the_one_in_ExitCodes()
    {
        var readme = File.ReadAllLines(Path.Combine(Run.RepositoryRoot(), "README.md"));
        var codes = readme.SkipWhile(l => l != "## Exit codes").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^\| (\d+) \|")).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

        codes.Should().Equal(Cli.ExitCodes.Ok, Cli.ExitCodes.Failed, Cli.ExitCodes.BadInput, Cli.ExitCodes.Partial, Cli.ExitCodes.Interrupted);
    }
}
