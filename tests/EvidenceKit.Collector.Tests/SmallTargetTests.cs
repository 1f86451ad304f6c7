using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests;

/// <summary>
/// A real target too small for the collection (an 8 MiB tmpfs, 20 MiB of logs): refused before anything is written;
/// with --force, ENOSPC mid-run leaves a resumable .partial and says how to resume. Root only; CI runs as root.
/// </summary>
[Trait("Category", "Root")]
[Trait("Category", "Slow")]
public sealed class SmallTargetTests : IDisposable
{
    private readonly NeededMount _target = new("8m", null);
    private readonly TempDirectory _root = new("ek-small-root-");

    public SmallTargetTests()
    {
        var bytes = new byte[1024 * 1024];
        for (var i = 0; i < 20; i++)
        {
            Random.Shared.NextBytes(bytes);
            _root.Write($"var/log/app/app.log.{i}", bytes);
        }
        _root.Write("profile.yaml", "name: profile\ndescription: test\ntargets:\n  - name: app\n    description: app\n    category: application\n    paths: [/var/log/app/*]\n");
    }

    public void Dispose()
    {
        _target.Dispose();
        _root.Dispose();
    }

    private ProcessResult Collect(params string[] extra) => Run.Executable("evidencekit-collect",
        ["--profile", _root.Combine("profile.yaml"), "--root", _root.Path, "--target", _target.Mount.Path, "--case", "SMALL", .. extra]);

    private void RequireMount() => _target.Require();

    [SkippableFact]
    public void A_target_with_too_little_free_space_is_refused_before_anything_is_written_with_both_sizes_and_what_to_do()
    {
        RequireMount();

        var run = Collect();

        run.ExitCode.Should().Be(1, run.ToString());
        run.StdErr.Should().Contain("The target has 8 MiB free but this collection needs about 21 MiB").And.Contain("--force");
        Directory.EnumerateFileSystemEntries(_target.Mount.Path).Should().BeEmpty("nothing may be written before the check");
    }

    [SkippableFact]
    public void With_force_a_full_target_leaves_a_partial_bundle_with_its_journal_and_says_how_to_resume_and_the_resume_finishes_it()
    {
        RequireMount();

        // When forced onto the small target
        var run = Collect("--force");

        // Then it fails with exit 1, keeping a .partial whose journal lists the files that were finished
        run.ExitCode.Should().Be(1, run.ToString());
        var partial = Directory.GetDirectories(_target.Mount.Path).Should().ContainSingle().Which;
        partial.Should().EndWith(BundleLayout.PartialSuffix);
        run.StdOut.Should().Contain("No space left on device").And.Contain($"--resume {partial}");
        var journal = File.ReadAllLines(Path.Combine(partial, BundleLayout.Journal))
            .Select(l => ManifestJson.FromUtf8<FileRecord>(System.Text.Encoding.UTF8.GetBytes(l))).ToList();
        journal.Should().NotBeEmpty().And.HaveCountLessThan(20);
        foreach (var entry in journal)
        {
            Run.Tool("sha256sum", [Path.Combine(partial, entry.BagPath)]).StdOut[..64].Should().Be(entry.Sha256);
            entry.Sha256.Should().Be(Run.Tool("sha256sum", [_root.Combine(entry.SourcePath.TrimStart('/'))]).StdOut[..64]);
        }

        // And once there is room, the command it printed finishes the job
        _target.Mount.Resize("64m");
        var resume = Run.Executable("evidencekit-collect", ["--resume", partial]);
        resume.ExitCode.Should().Be(0, resume.ToString());
        var bundle = partial[..^BundleLayout.PartialSuffix.Length];
        var sums = Run.Tool("sha256sum", ["-c", "--strict", "--quiet", "manifest-sha256.txt"], workingDirectory: bundle);
        sums.ExitCode.Should().Be(0, sums.ToString());
        var manifest = BundleRecords.Manifest(bundle);
        manifest.Files.Should().HaveCount(20);
    }
}
