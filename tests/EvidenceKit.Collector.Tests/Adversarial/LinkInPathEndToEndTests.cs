using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests.Adversarial;

/// <summary>
/// "--root /mnt/image" where the image's /var/log is a link to the examiner's own files: the real collector, on a
/// real bind mount, collects nothing from outside the root, and the outside file's access time does not move.
/// </summary>
[Trait("Category", "Root")]
public sealed class LinkInPathEndToEndTests : IDisposable
{
    private const string Secret = "root:$6$EXAMINERS-OWN-SHADOW:19000::::::";
    private readonly TempDirectory _image = new("ek-e2e-image-");
    private readonly TempDirectory _mount = new("ek-e2e-mnt-");
    private readonly TempDirectory _outside = new("ek-e2e-outside-");
    private readonly TempDirectory _target = new("ek-e2e-target-");
    private readonly TempDirectory _profiles = new("ek-e2e-profile-");
    private readonly string _sentinel;
    private readonly bool _mounted;
    private readonly string _reason = "";

    public LinkInPathEndToEndTests()
    {
        _sentinel = _outside.Write("shadow", Secret + "\n");
        _outside.Write("ssh/ssh_host_ed25519_key", "-----BEGIN OPENSSH PRIVATE KEY----- " + Secret + "\n");
        HostileTree.AgeAtime(_sentinel);
        _image.Write("srv/app/app.log", "inside the image\n");
        var bind = Requires.IsRoot ? Run.Tool("mount", ["--bind", _image.Path, _mount.Path]) : null;
        _mounted = bind is { ExitCode: 0 };
        if (!_mounted)
        {
            _reason = bind is null ? "needs root: a bind mount (CI runs as root)" : $"mount --bind failed ({bind.StdErr.Trim()}).";
        }
    }

    public void Dispose()
    {
        if (_mounted)
        {
            Run.Tool("umount", [_mount.Path]);
        }
        _mount.Dispose();
        _image.Dispose();
        _outside.Dispose();
        _target.Dispose();
        _profiles.Dispose();
    }

    [SkippableTheory]
    [InlineData("absolute")]
    [InlineData("relative")]
    public void A_link_in_the_middle_of_the_path_under_a_mounted_root_collects_nothing_from_outside_it(string kind)
    {
        Requires.Feature(_mounted, _reason);
        // Given the image's /var/log and /etc/ssh are links to the examiner's own directories
        var target = kind == "absolute" ? _outside.Path : string.Concat(Enumerable.Repeat("../", 20)) + _outside.Path.TrimStart('/');
        Directory.CreateDirectory(_image.Combine("var"));
        File.CreateSymbolicLink(_image.Combine("var/log"), target);
        Directory.CreateDirectory(_image.Combine("etc"));
        File.CreateSymbolicLink(_image.Combine("etc/ssh"), kind == "absolute" ? _outside.Combine("ssh") : "../" + target + "/ssh");
        var profile = HostileTree.Profile(_profiles, "/var/log/**", "/var/log/shadow", "/etc/ssh/*key*", "/srv/app/*");

        // When the real collector runs with --root on the mount
        var run = Run.Executable("evidencekit-collect", ["--profile", profile, "--root", _mount.Path, "--target", _target.Path, "--case", "LINK"]);

        // Then only the image's own log is collected, and the examiner's files were neither copied nor read
        run.ExitCode.Should().Be(0, run.ToString());
        var bundle = HostileTree.SealedBundle(_target.Path);
        HostileTree.Manifest(bundle).Files.Select(f => f.SourcePath).Should().Equal("/srv/app/app.log");
        HostileTree.AssertNoFileContains(bundle, Secret);
        run.StdOut.Should().NotContain(Secret);
        HostileTree.Atime(_sentinel).Should().StartWith("2020-05-05 05:05:05.123456789");
    }
}
