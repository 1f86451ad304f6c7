using System.Text.RegularExpressions;
using EvidenceKit.Testing;

namespace EvidenceKit.Verifier.Tests.Docs;

/// <summary>ARCHITECTURE.md is a map that stays true: every repository file or folder it names exists, and no code cites a document the project does not have.</summary>
public sealed partial class ArchitectureDocTests
{
    private static readonly string[] RepositoryFolders = ["src/", "tests/", "scripts/", "profiles/", "signing/", "docs/", "bench/", ".ci/"];

    [GeneratedRegex("`([^`\\s]+)`")]
    private static partial Regex Backticked();

    /// <summary>Backticked repository paths (starting with a top-level folder) and file names ending in .cs, .md or .csproj.</summary>
    internal static IEnumerable<string> MentionedPaths(string markdown) =>
        Backticked().Matches(markdown).Select(m => m.Groups[1].Value.TrimEnd('.', ',', ';', ':'))
            .Where(p => !p.Contains("://", StringComparison.Ordinal) && !p.Contains('<', StringComparison.Ordinal))
            .Where(p => RepositoryFolders.Any(f => p.StartsWith(f, StringComparison.Ordinal))
                || p.EndsWith(".cs", StringComparison.Ordinal) || p.EndsWith(".md", StringComparison.Ordinal) || p.EndsWith(".csproj", StringComparison.Ordinal))
            .Distinct();

    private static bool Exists(string root, string path)
    {
        if (path.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.Combine(root, path.TrimEnd('/'));
            return File.Exists(full) || Directory.Exists(full);
        }
        return Directory.EnumerateFiles(root, path, SearchOption.AllDirectories)
            .Any(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_file_ARCHITECTURE_md_names_exists()
    {
        var root = Run.RepositoryRoot();
        var mentioned = MentionedPaths(File.ReadAllText(Path.Combine(root, "ARCHITECTURE.md"))).ToList();

        mentioned.Should().HaveCountGreaterThan(20, "the map names the files a newcomer opens");
        mentioned.Where(p => !Exists(root, p)).Should().BeEmpty();
    }

    [Fact]
    public void A_path_that_does_not_exist_is_caught()
    {
        var root = Run.RepositoryRoot();
        var mentioned = MentionedPaths("see `src/EvidenceKit.Core/NoSuchFile.cs` and `Nowhere.cs` but not `custody/files.jsonl`").ToList();

        mentioned.Should().Equal("src/EvidenceKit.Core/NoSuchFile.cs", "Nowhere.cs");
        mentioned.Should().OnlyContain(p => !Exists(root, p));
    }

    [Fact]
    public void No_source_file_cites_DESIGN_md_which_the_project_does_not_have()
    {
        var root = Run.RepositoryRoot();
        File.Exists(Path.Combine(root, "DESIGN.md")).Should().BeFalse();

        var citing = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && File.ReadAllText(f).Contains("DESIGN.md", StringComparison.Ordinal));

        citing.Should().BeEmpty();
    }
}
