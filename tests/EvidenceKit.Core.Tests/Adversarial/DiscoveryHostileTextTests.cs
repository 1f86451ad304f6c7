using EvidenceKit.Core.Profiles.Discovery;

namespace EvidenceKit.Core.Tests.Adversarial;

/// <summary>
/// A configuration file within the size cap can still be written to make a parser work for ever: a line that makes a
/// backtracking regular expression quadratic, or thousands of unclosed RainerScript objects each scanned to the end.
/// The discovery parsers look at each character a bounded number of times (linear-time regular expressions), so such
/// a file is read and discovery ends; the hang guard fails the test if it does not.
/// </summary>
public sealed class DiscoveryHostileTextTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _root = new("ek-disc-text-");

    public void Dispose() => _root.Dispose();

    private DiscoveryResult Discover(string kind)
    {
        using var port = new LinuxSourceFiles(_root.Path);
        var discovery = Task.Run(() => LogDiscoverers.Get(kind).Discover(port));
        discovery.Wait(HangGuard).Should().BeTrue("a configuration file must not make discovery run for ever");
        return discovery.Result;
    }

    [Fact]
    public void An_apache_envvars_line_of_millions_of_blanks_does_not_stall_discovery()
    {
        _root.Write("etc/apache2/envvars", "export APACHE_LOG_DIR=/var/log/apache2\nexport PAD=" + new string(' ', 4 * 1024 * 1024) + "x\n");
        _root.Write("etc/apache2/apache2.conf", "ErrorLog ${APACHE_LOG_DIR}/error.log\n");

        var result = Discover("apache");

        result.Logs.Select(l => l.HostPath).Should().Equal("/var/log/apache2/error.log");
    }

    [Fact]
    public void Hundreds_of_thousands_of_unclosed_rsyslog_objects_do_not_stall_discovery()
    {
        _root.Write("etc/rsyslog.conf", "auth.* /var/log/auth.log\naction(type=\"omfile\" file=\"/var/log/script.log\")\n"
            + string.Concat(Enumerable.Repeat("action(\n", 300_000)));

        var result = Discover("rsyslog");

        result.Logs.Select(l => l.HostPath).Should().Equal("/var/log/auth.log", "/var/log/script.log");
        result.Logs[1].Line.Should().Be(2);
    }

    [Fact]
    public void Define_lines_that_double_a_variable_do_not_grow_memory_without_bound()
    {
        // 64 doublings would be 2^64 characters; every value is capped at PATH_MAX instead.
        var defines = string.Concat(Enumerable.Range(0, 64).Select(_ => "Define X ${X}${X}\n"));
        var exports = string.Concat(Enumerable.Range(0, 64).Select(_ => "export Y=\"$Y$Y\"\n"));
        _root.Write("etc/apache2/envvars", "export Y=yy\n" + exports);
        _root.Write("etc/apache2/apache2.conf", "Define X xx\n" + defines + "ErrorLog /var/log/${X}.log\nCustomLog /var/log/${Y}.log combined\nErrorLog /var/log/apache2/error.log\n");

        var result = Discover("apache");

        result.Logs.Select(l => l.HostPath).Should().Equal("/var/log/.log", "/var/log/apache2/error.log");
        result.Warnings.Should().Contain("/etc/apache2/apache2.conf:12: Define X ${X}${X} is longer than 4096 characters once expanded; X is left empty");
    }

    [Fact]
    public void A_config_naming_more_log_paths_than_the_limit_stops_recording_them_with_one_warning()
    {
        var lines = string.Concat(Enumerable.Range(0, ConfigTree.MaxLogs + 50).Select(i => $"access_log /var/log/many/{i}.log;\n"));
        _root.Write("etc/nginx/nginx.conf", lines);

        var result = Discover("nginx");

        result.Logs.Should().HaveCount(ConfigTree.MaxLogs);
        result.Warnings.Should().ContainSingle().Which.Should().Contain($"stopped after {ConfigTree.MaxLogs} log paths");
    }
}
