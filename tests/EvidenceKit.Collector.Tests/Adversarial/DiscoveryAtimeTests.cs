using EvidenceKit.Testing;
using Xunit.Abstractions;

namespace EvidenceKit.Collector.Tests.Adversarial;

/// <summary>
/// Discovery reads nginx.conf and its includes; on a file system mounted "strictatime" every ordinary read would
/// update their access time. Through the port (O_NOATIME) neither a --dry-run nor a real collection changes it.
/// </summary>
public sealed class DiscoveryAtimeTests(ITestOutputHelper output) : IDisposable
{
    private const string PastAtime = "2020-05-05 05:05:05.123456789 UTC";
    private readonly TempDirectory _work = new("ek-atime-disc-");
    private readonly TempDirectory _target = new("ek-atime-disc-target-");
    private string? _mounted;

    public void Dispose()
    {
        if (_mounted is not null)
        {
            for (var attempt = 0; attempt < 5 && Run.Tool("umount", [_mounted]).ExitCode != 0; attempt++)
            {
                Run.Tool("sync", []);
            }
        }
        _work.Dispose();
        _target.Dispose();
    }

    private static string Atime(string path) => Run.Tool("stat", ["-c", "%x", path]).StdOut.Trim();

    /// <summary>
    /// The strictatime tmpfs the source lives on. xunit 2 has no runtime skip in this project, so a machine that cannot
    /// mount fails this test with the reason instead of passing silently.
    /// </summary>
    private string MountStrictatime()
    {
        var mountPoint = _work.MakeDirectory("root");
        var mounted = Run.Tool("mount", ["-t", "tmpfs", "-o", "size=16m,strictatime", "tmpfs", mountPoint]);
        mounted.ExitCode.Should().Be(0, $"Cannot run: mount -o strictatime failed ({mounted.StdErr.Trim()}); this container cannot mount a tmpfs");
        _mounted = mountPoint;
        output.WriteLine($"strictatime tmpfs mounted on {mountPoint}");
        return mountPoint;
    }

    [SkippableFact]
    [Trait("Category", "Root")]
    public void Discovery_in_a_dry_run_and_in_a_real_collection_leaves_the_atime_of_nginx_conf_and_its_include_unchanged()
    {
        Requires.Root("mounting the strictatime tmpfs");
        var root = MountStrictatime();

        var conf = Write(root, "etc/nginx/nginx.conf", "include conf.d/*.conf;\n");
        var include = Write(root, "etc/nginx/conf.d/site.conf", "access_log /var/log/site/access.log;\n");
        Write(root, "var/log/site/access.log", "203.0.113.9 GET / 200\n");
        var control = Write(root, "control.conf", "read me\n");
        foreach (var file in new[] { conf, include, control })
        {
            Run.Tool("touch", ["-a", "-d", PastAtime, file]).ExitCode.Should().Be(0);
        }
        Run.Tool("cat", [control]).ExitCode.Should().Be(0);
        Atime(control).Should().NotStartWith("2020-05-05", "on strictatime every read updates the access time, so this test can fail");

        var dryRun = Run.Executable("evidencekit-collect", ["--profile", "linux-web-nginx", "--root", root, "--target", _target.Path, "--dry-run"]);
        dryRun.ExitCode.Should().Be(0, dryRun.ToString());
        dryRun.StdOut.Should().Contain("/var/log/site/access.log");
        Atime(conf).Should().StartWith("2020-05-05 05:05:05.123456789", "a dry run must not touch nginx.conf");
        Atime(include).Should().StartWith("2020-05-05 05:05:05.123456789", "a dry run must not touch an included file");

        var real = Run.Executable("evidencekit-collect", ["--profile", "linux-web-nginx", "--root", root, "--target", _target.Path]);
        real.ExitCode.Should().BeOneOf([0, 3], real.ToString());
        Directory.GetDirectories(_target.Path).Should().ContainSingle();
        Atime(conf).Should().StartWith("2020-05-05 05:05:05.123456789", "discovery and copying must not touch nginx.conf");
        Atime(include).Should().StartWith("2020-05-05 05:05:05.123456789", "discovery and copying must not touch the include");
    }

    private static string Write(string root, string relative, string text)
    {
        var full = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }
}
