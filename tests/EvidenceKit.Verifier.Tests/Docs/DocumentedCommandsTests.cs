using System.IO.Abstractions;
using EvidenceKit.Collector;
using EvidenceKit.Testing;

namespace EvidenceKit.Verifier.Tests.Docs;

/// <summary>
/// The commands README.md and signing/README.md print work: every evidencekit-collect and evidencekit-verify line
/// parses with the real command trees (no unknown option, no missing value), and every block marked
/// <c>&lt;!-- doctest --&gt;</c> runs exactly as printed, in a fresh directory that is also $HOME, with the built
/// executables on PATH. (README's first block, which collects this machine, is run by .ci/run.)
/// </summary>
public sealed class DocumentedCommandsTests
{
    private static readonly string[] Documents = ["README.md", "signing/README.md"];

    public static TheoryData<string> DocumentNames() => new(Documents);

    private static IEnumerable<MarkdownCode.Block> Blocks(string document) =>
        MarkdownCode.Blocks(Path.Combine(Run.RepositoryRoot(), document));

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
        var block = new MarkdownCode.Block("x.md", 1, "evidencekit-collect keygen --name \"Jane Doe\" --organization \"ACME\" --out ~/jane.p12", false);
        var command = MarkdownCode.Commands([block]).Single();
        using var sink = new StringWriter();

        var parse = CollectorRoot.Build(new FileSystem(), TimeProvider.System, sink, []).Parse(command.Words.Skip(1).ToArray());

        parse.Errors.Select(e => e.Message).Should().Contain(m => m.Contains("--name"));
    }

    [Theory]
    [InlineData("signing/README.md", "keygen --examiner")]
    public void Every_block_marked_doctest_runs_as_printed(string document, string mustRun)
    {
        var runnable = Blocks(document).Where(b => b.Runnable).ToList();
        runnable.Should().Contain(b => b.Text.Contains(mustRun), "the example users copy first must be one that is run");
        using var home = new TempDirectory("ek-doctest-");
        var bin = Directory.CreateDirectory(home.Combine(".bin")).FullName;
        foreach (var tool in new[] { "evidencekit-collect", "evidencekit-verify" })
        {
            var wrapper = Path.Combine(bin, tool);
            File.WriteAllText(wrapper, $"#!/bin/sh\nexec dotnet {Path.Combine(AppContext.BaseDirectory, tool + ".dll")} \"$@\"\n");
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home.Path,
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["EVIDENCEKIT_KEY_PASSPHRASE"] = "doctest-passphrase-1",
        };
        foreach (var block in runnable)
        {
            var script = home.Write($".block-{block.Line}.sh", block.Text + "\n");
            var run = Run.Tool("bash", ["-euo", "pipefail", script], workingDirectory: home.Path, environment: environment, timeout: TimeSpan.FromMinutes(3));
            run.ExitCode.Should().Be(0, $"{document}:{block.Line} must run as printed:\n{block.Text}\n{run}");
        }
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
