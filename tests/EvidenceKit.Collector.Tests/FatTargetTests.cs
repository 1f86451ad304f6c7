using System.IO.Abstractions;
using EvidenceKit.Core.Platform;
using EvidenceKit.Platform.Linux;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests;

/// <summary>
/// A real FAT32 stick (a loop-mounted vfat image; root, dosfstools and a kernel with vfat): the store reports its
/// limits, and two names differing only in case both survive. Skipped with the reason where it cannot be mounted.
/// </summary>
[Trait("Category", "Root")]
[Trait("Category", "Slow")]
public sealed class FatTargetTests : IDisposable
{
    private readonly NeededMount _stick = new("64M", ["mkfs.vfat", "-F", "32"]);
    private readonly TempDirectory _root = new("ek-fat-root-");

    public void Dispose()
    {
        _stick.Dispose();
        _root.Dispose();
    }

    private void RequireMount() => _stick.Require();

    [SkippableFact]
    public void The_store_reports_vfat_its_4_GiB_file_limit_and_that_it_is_case_insensitive()
    {
        RequireMount();

        var space = new LocalDirectoryStore(_stick.Mount.Path).GetSpace();

        space.FileSystem.Should().Be("vfat");
        space.MaxFileSize.Should().Be(4L * 1024 * 1024 * 1024 - 1);
        space.CaseSensitive.Should().BeFalse();
        space.FreeBytes.Should().BePositive();
    }

    [SkippableFact]
    public void Access_log_and_access_log_are_both_kept_on_a_case_insensitive_stick_and_sha256sum_accepts_the_bag_there()
    {
        RequireMount();
        _root.Write("var/log/app/Access.log", "upper\n");
        _root.Write("var/log/app/access.log", "lower\n");
        _root.Write("profile.yaml", "name: profile\ndescription: test\ntargets:\n  - name: app\n    description: app\n    category: application\n    paths: [/var/log/app/*]\n");

        var run = Run.Executable("evidencekit-collect", ["--profile", _root.Combine("profile.yaml"), "--root", _root.Path, "--target", _stick.Mount.Path, "--case", "FAT"]);

        run.ExitCode.Should().Be(0, run.ToString());
        var bundle = Directory.GetDirectories(_stick.Mount.Path).Should().ContainSingle().Which;
        Directory.GetFiles(Path.Combine(bundle, "data", "var", "log", "app")).Should().HaveCount(2);
        var sums = Run.Tool("sha256sum", ["-c", "--strict", "manifest-sha256.txt"], workingDirectory: bundle);
        sums.ExitCode.Should().Be(0, sums.ToString());
        var contents = Directory.GetFiles(Path.Combine(bundle, "data", "var", "log", "app")).Select(File.ReadAllText);
        contents.Should().BeEquivalentTo("upper\n", "lower\n");
    }
}
