using System.Globalization;
using System.Text.RegularExpressions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests.Adversarial;

/// <summary>
/// The real evidencekit-collect, run with --root on an image the attacker prepared: web server configs and identity
/// files that are FIFOs, devices or links to the examiner's own files. Every run must end (the runner's time limit
/// fails the test on a hang), stay small (peak RSS from /usr/bin/time -v), seal, record the field as unavailable,
/// and leave nothing of the examiner's files (a sentinel outside the root) in the bundle.
/// </summary>
public sealed partial class DiscoveryHostileRootTests : IDisposable
{
    private const long MaxPeakRssKilobytes = 300 * 1024;
    private const string Secret = "SECRET-OF-THE-EXAMINER-OUTSIDE-THE-ROOT";
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _root = new("ek-hostile-root-");
    private readonly TempDirectory _target = new("ek-hostile-target-");
    private readonly TempDirectory _outside = new("ek-hostile-outside-");
    private readonly TempDirectory _profiles = new("ek-hostile-profile-");
    private readonly string _sentinel;

    public DiscoveryHostileRootTests()
    {
        _sentinel = _outside.Write("shadow", $"{Secret}:$6$hash:19000::::::\n");
        _outside.Write("conf/stolen.conf", $"access_log /var/log/{Secret}.log;\n");
        _profiles.Write("web.yaml", """
            name: web
            description: hostile image test
            targets:
              - name: nginx
                description: nginx
                category: web-server
                paths: [/var/log/nginx/*]
                discover: nginx
              - name: apache
                description: apache
                category: web-server
                paths: [/var/log/apache2/*]
                discover: apache
              - name: rsyslog
                description: rsyslog
                category: system
                paths: [/var/log/syslog]
                discover: rsyslog
            """);
        _root.Write("var/log/nginx/access.log", "203.0.113.9 GET /admin 403\n");
        _root.Write("var/log/apache2/error.log", "[error] x\n");
        _root.Write("var/log/syslog", "Nov 24 sshd[1]: Accepted password for root\n");
        _root.Write("etc/nginx/nginx.conf", "include conf.d/*.conf;\naccess_log /var/log/nginx/access.log;\n");
        _root.Write("etc/apache2/apache2.conf", "IncludeOptional conf-enabled/*.conf\nErrorLog /var/log/apache2/error.log\n");
        _root.Write("etc/rsyslog.conf", "*.* /var/log/syslog\n");
        _root.Write("etc/os-release", "PRETTY_NAME=\"Hostile Image\"\n");
    }

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
        _outside.Dispose();
        _profiles.Dispose();
    }

    private void Fifo(string relative) => Make(relative, full => Run.Tool("mkfifo", [full]).ExitCode.Should().Be(0));

    private void DevZero(string relative) =>
        Make(relative, full => Run.Tool("mknod", [full, "c", "1", "5"]).ExitCode.Should().Be(0, "the tests run as root (CI does)"));

    private void Link(string relative, string target) => Make(relative, full => File.CreateSymbolicLink(full, target));

    private void Make(string relative, Action<string> make)
    {
        var full = _root.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.Delete(full);
        make(full);
    }

    /// <summary>Runs the built collector under /usr/bin/time -v and returns the run and its peak RSS in KiB.</summary>
    private (ProcessResult Run, long PeakRssKb) Collect(params string[] extra)
    {
                string[] args = ["-v", Run.ExecutablePath("evidencekit-collect"), "--profile", _profiles.Combine("web.yaml"), "--root", _root.Path, "--target", _target.Path, "--case", "HOSTILE", .. extra];
        var run = Run.Tool("/usr/bin/time", args, timeout: RunLimit);
        var rss = MaxRss().Match(run.StdErr);
        rss.Success.Should().BeTrue("/usr/bin/time -v reports the peak RSS: " + run.StdErr);
        return (run, long.Parse(rss.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    private string Bundle() => Directory.GetDirectories(_target.Path).Should().ContainSingle().Which;

    private CustodyManifest Manifest() =>
        BundleRecords.Manifest(Bundle());

    private void NothingOfTheExaminerInTheBundle()
    {
        foreach (var file in Directory.EnumerateFiles(Bundle(), "*", SearchOption.AllDirectories))
        {
            File.ReadAllText(file).Should().NotContain(Secret, file);
        }
    }

    [Fact]
    public void Fifos_as_an_nginx_include_an_apache_include_an_rsyslog_d_file_os_release_and_passwd_do_not_stop_the_run()
    {
        Fifo("etc/nginx/conf.d/fifo.conf");
        Fifo("etc/apache2/conf-enabled/fifo.conf");
        Fifo("etc/rsyslog.d/fifo.conf");
        _root.Write("etc/rsyslog.conf", "*.* /var/log/syslog\n$IncludeConfig /etc/rsyslog.d/*.conf\n");
        Fifo("etc/os-release");
        Fifo("etc/passwd");

        var (run, rss) = Collect();

        run.ExitCode.Should().Be(0, run.ToString());
        rss.Should().BeLessThan(MaxPeakRssKilobytes);
        var output = run.StdOut + run.StdErr;
        output.Should().Contain("/etc/nginx/conf.d/fifo.conf is a fifo, not a regular file")
            .And.Contain("/etc/apache2/conf-enabled/fifo.conf is a fifo")
            .And.Contain("/etc/rsyslog.d/fifo.conf is a fifo")
            .And.Contain("/etc/passwd is a fifo");
        var manifest = Manifest();
        manifest.Host.Unavailable.Should().ContainKey("osRelease").WhoseValue.Should().Contain("/etc/os-release is a fifo");
        manifest.Files.Select(f => f.SourcePath).Should().Contain(["/var/log/nginx/access.log", "/etc/nginx/nginx.conf", "/var/log/syslog"]);
    }

    [Theory]
    [InlineData("device")]
    [InlineData("link")]
    public void Include_dev_zero_and_machine_id_as_dev_zero_keep_the_collector_small_and_record_why(string how)
    {
        // A real /dev/zero character device in the image; "link" points the files at it by an absolute link.
        DevZero("dev/zero");
        _root.Write("etc/nginx/conf.d/zero.conf", "include /dev/zero;\n");
        if (how == "device")
        {
            DevZero("etc/machine-id");
        }
        else
        {
            Link("etc/machine-id", "/dev/zero");
            Link("etc/nginx/conf.d/zero-link.conf", "/dev/zero");
        }

        var (run, rss) = Collect();

        run.ExitCode.Should().Be(0, run.ToString());
        rss.Should().BeLessThan(MaxPeakRssKilobytes, "nothing may read /dev/zero without bound");
        (run.StdOut + run.StdErr).Should().Contain("/dev/zero is a character-device, not a regular file; not read");
        var manifest = Manifest();
        manifest.Host.MachineId.Should().BeNull();
        manifest.Host.Unavailable.Should().ContainKey("machineId").WhoseValue.Should().Contain("is a character-device, not a regular file");
    }

    [Theory]
    [InlineData("absolute-sentinel")]
    [InlineData("relative-sentinel")]
    [InlineData("etc-shadow")]
    public void Machine_id_linked_to_the_examiners_shadow_never_puts_its_content_in_the_manifest(string how)
    {
        Link("etc/machine-id", how switch
        {
            "absolute-sentinel" => _sentinel,
            "relative-sentinel" => "../../../../../../../../../.." + _sentinel,
            _ => "/etc/shadow",
        });
        Link("etc/nginx/conf.d/stolen.conf", how == "relative-sentinel" ? "../../../../../../../../../.." + _outside.Combine("conf/stolen.conf") : _outside.Combine("conf/stolen.conf"));

        var (run, _) = Collect();

        run.ExitCode.Should().Be(0, run.ToString());
        NothingOfTheExaminerInTheBundle();
        Manifest().Host.MachineId.Should().BeNull();
        if (how == "etc-shadow" && File.Exists("/etc/shadow"))
        {
            var realFirstLine = File.ReadLines("/etc/shadow").First();
            File.ReadAllText(Path.Combine(Bundle(), BundleLayout.ManifestJson)).Should().NotContain(realFirstLine);
        }
    }

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex MaxRss();
}
