using System.Diagnostics;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests;

/// <summary>
/// Real nginx and Apache from Debian, each serving a virtual host on a 127.0.0.1 port whose access log an admin put
/// in an odd directory. The collector must find that log through the server's own configuration (discovery).
/// Needs root (the vhost goes where the distribution's main config includes it) and nginx/apache2 installed, as in CI.
/// </summary>
[Trait("Category", "Root")]
[Trait("Category", "Slow")]
[Trait("Category", "Network")]
public sealed class RealServerDiscoveryTests : IDisposable
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..12];
    private readonly TempDirectory _work = new("ek-server-");
    private readonly TempDirectory _target = new("ek-target-");
    private readonly List<string> _cleanup = [];
    private Process? _server;

    private string OddDir => $"/var/tmp/ek-odd-{_id}";

    public void Dispose()
    {
        if (_server is not null)
        {
            ProcessTree.Stop(_server);
            _server.Dispose();
        }
        foreach (var path in _cleanup)
        {
            File.Delete(path);
        }
        if (Directory.Exists(OddDir))
        {
            Directory.Delete(OddDir, recursive: true);
        }
        _work.Dispose();
        _target.Dispose();
    }

    private void RequireServer(string binary, string package)
    {
        Requires.Root("the test writes a vhost into the distribution's config directory");
        Requires.Program(binary, package);
        Directory.CreateDirectory(OddDir);
    }

    private void Start(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        _server = Process.Start(psi)!;
    }

    private async Task<string> Request(int port, string path)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
                return response.StatusCode.ToString();
            }
            catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(15) && _server is { HasExited: false })
            {
                await Task.Delay(50);
            }
        }
    }

    private CustodyManifest CollectAndOpen(string profile, string logHostPath, string marker)
    {
        var run = Run.Executable("evidencekit-collect", ["--profile", profile, "--root", "/", "--target", _target.Path, "--case", "DISCOVERY"], timeout: TimeSpan.FromMinutes(5));
        run.ExitCode.Should().BeOneOf([0, 3], run.ToString());
        var bundle = Directory.GetDirectories(_target.Path).Single();
        var manifest = BundleRecords.Manifest(bundle);
        var record = manifest.Files.Should().ContainSingle(f => f.SourcePath == logHostPath).Subject;
        File.ReadAllText(Path.Combine(bundle, record.BagPath)).Should().Contain(marker);
        record.DiscoveredFrom.Should().NotBeNull("the path came from the server's configuration");
        Run.Tool("sha256sum", ["-c", "--strict", "--quiet", "manifest-sha256.txt"], workingDirectory: bundle).ExitCode.Should().Be(0);
        return manifest;
    }

    [SkippableFact]
    public async Task Nginx_access_log_in_a_custom_directory_is_found_through_its_config_and_collected()
    {
        RequireServer("/usr/sbin/nginx", "nginx");
        var port = LoopbackPort.Free();
        var log = $"{OddDir}/shop-access.log";
        var vhost = $"/etc/nginx/conf.d/evidencekit-test-{_id}.conf";
        File.WriteAllText(vhost, $"server {{\n    listen 127.0.0.1:{port};\n    access_log {log};\n    location / {{ return 200 \"ok\\n\"; }}\n}}\n");
        _cleanup.Add(vhost);
        var main = _work.Write("nginx.conf", $"pid {_work.Combine("nginx.pid")};\nerror_log {_work.Combine("error.log")};\nevents {{}}\nhttp {{\n    include {vhost};\n}}\n");
        Start("/usr/sbin/nginx", "-c", main, "-g", "daemon off;");
        var marker = $"/evidencekit-marker-{_id}";

        (await Request(port, marker)).Should().Be("OK");
        var workers = ProcessTree.Descendants(_server!.Id);
        workers.Should().NotBeEmpty("nginx serves from worker processes");
        // nginx's master stops its workers itself on SIGQUIT ("nginx -s quit"); a bare kill of the master left a
        // worker listening after the run.
        ProcessTree.Stop(_server!, "QUIT");
        workers.Where(ProcessTree.IsAlive).Should().BeEmpty("no nginx worker may outlive the test");

        var manifest = CollectAndOpen("linux-web-nginx", log, marker);
        manifest.Files.Single(f => f.SourcePath == log).DiscoveredFrom.Should().Contain(vhost);
        manifest.Files.Should().Contain(f => f.SourcePath == "/etc/nginx/nginx.conf", "the configuration read is evidence too");
    }

    [SkippableFact]
    public async Task Apache_custom_log_in_a_custom_directory_is_found_through_its_config_and_collected()
    {
        RequireServer("/usr/sbin/apache2", "apache2");
        var port = LoopbackPort.Free();
        var log = $"{OddDir}/shop-apache.log";
        var vhost = $"/etc/apache2/conf-enabled/evidencekit-test-{_id}.conf";
        File.WriteAllText(vhost, $"<VirtualHost 127.0.0.1:{port}>\n    DocumentRoot {_work.Path}\n    CustomLog {log} \"%h %t \\\"%r\\\" %>s\"\n</VirtualHost>\n");
        _cleanup.Add(vhost);
        var main = _work.Write("apache2.conf", string.Join('\n',
            "ServerRoot /etc/apache2", $"PidFile {_work.Combine("apache2.pid")}", $"Mutex file:{_work.Path} default",
            $"ErrorLog {_work.Combine("error.log")}", $"Listen 127.0.0.1:{port}", "ServerName localhost",
            "User www-data", "Group www-data", "IncludeOptional mods-enabled/*.load", "IncludeOptional mods-enabled/*.conf",
            $"Include {vhost}", ""));
        Start("/bin/bash", "-c", $". /etc/apache2/envvars && exec /usr/sbin/apache2 -f {main} -DFOREGROUND");
        var marker = $"/evidencekit-marker-{_id}";

        (await Request(port, marker)).Should().NotBeNullOrEmpty("any answer means the request reached Apache and was logged");
        ProcessTree.Stop(_server!);

        var manifest = CollectAndOpen("linux-web-apache", log, marker);
        manifest.Files.Single(f => f.SourcePath == log).DiscoveredFrom.Should().Contain(vhost);
    }
}
