using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using EvidenceKit.Testing;
using EvidenceKit.Timeline.Tests.Support;

namespace EvidenceKit.Timeline.Tests.Formats.Web;

/// <summary>
/// Real nginx and Apache serve requests on 127.0.0.1 and write their own access and error logs; the logs are collected
/// with the real collector and the timeline must show the fixed client's request to the fixed URL at the exact time
/// the server logged, with its provenance. Needs root (Apache drops to www-data) and nginx/apache2, as in CI.
/// </summary>
public sealed class RealWebServerTimelineTests : IDisposable
{
    private const string Agent = "EvidenceKit-Timeline-Test/1.0";
    private readonly string _id = Guid.NewGuid().ToString("N")[..10];
    private readonly TempDirectory _root = new("ek-tlweb-root-");
    private readonly TempDirectory _target = new("ek-tlweb-target-");
    private readonly TempDirectory _out = new("ek-tlweb-out-");

    public RealWebServerTimelineTests()
    {
        File.SetUnixFileMode(_root.Path, (UnixFileMode)0b111_101_101);
    }

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
        _out.Dispose();
    }

    private static async Task<(DateTimeOffset Before, DateTimeOffset After, int Status)> Request(ServerProcess server, int port, string path)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("EvidenceKit-Timeline-Test", "1.0"));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var before = DateTimeOffset.UtcNow;
                var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
                return (before, DateTimeOffset.UtcNow, (int)response.StatusCode);
            }
            catch (HttpRequestException) when (attempt < 200 && server.Running)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>The time in a logged access line, read independently of the parser (%t: 01/Dec/2026:10:00:00 +0000).</summary>
    private static string LoggedTime(string line)
    {
        var text = Regex.Match(line, @"\[([^\]]+)\]").Groups[1].Value;
        var time = DateTimeOffset.ParseExact(text, "dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture);
        return time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.000000+00:00'", CultureInfo.InvariantCulture);
    }

    private static void AssertInside(JsonElement e, DateTimeOffset before, DateTimeOffset after)
    {
        var time = DateTimeOffset.Parse(e.Text("datetime")!, CultureInfo.InvariantCulture);
        time.Should().BeOnOrAfter(before.AddSeconds(-1)).And.BeOnOrBefore(after.AddSeconds(1));
    }

    private (List<JsonElement> Events, string Bundle) Timeline(string profile)
    {
        var bundle = TimelineRuns.Collect(_root.Path, _target.Path, profile);
        var output = _out.File("t.jsonl");
        var run = TimelineRuns.Timeline(bundle, "--out", output);
        run.ExitCode.Should().Be(0, run.ToString());
        return (TimelineRuns.ReadJsonl(output), bundle);
    }

    [SkippableFact]
    public async Task Nginx_request_from_a_fixed_client_to_a_fixed_url_is_in_the_timeline_at_the_time_nginx_logged_with_its_error()
    {
        Skip.IfNot(Environment.UserName == "root", "nginx workers need root to start as nobody; CI runs as root");
        Skip.IfNot(File.Exists("/usr/sbin/nginx"), "nginx is not installed (apt-get install -y nginx)");
        var port = LoopbackPort.Free();
        var logs = _root.MakeDirectory("var/log/nginx");
        var config = _out.Write("nginx.conf", $$"""
            pid {{_out.Combine("nginx.pid")}};
            error_log {{logs}}/error.log info;
            events {}
            http {
                log_format combined_test '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';
                access_log {{logs}}/access.log combined_test;
                server {
                    listen 127.0.0.1:{{port}};
                    root {{_root.MakeDirectory("www")}};
                    location /fixed { return 200 "ok\n"; }
                }
            }
            """);
        var url = $"/fixed/{_id}?case=1";
        (DateTimeOffset Before, DateTimeOffset After, int Status) fixedRequest;
        (DateTimeOffset Before, DateTimeOffset After, int Status) missing;
        using (var nginx = ServerProcess.Start("/usr/sbin/nginx", "-c", config, "-g", "daemon off;"))
        {
            fixedRequest = await Request(nginx, port, url);
            missing = await Request(nginx, port, $"/missing-{_id}.php");
        }
        fixedRequest.Status.Should().Be(200);

        var (events, bundle) = Timeline("linux-web-nginx");

        var request = events.Single(e => e.Text("url") == url);
        var logged = File.ReadAllLines(Path.Combine(bundle, "data/var/log/nginx/access.log")).Single(l => l.Contains(url, StringComparison.Ordinal));
        request.Text("datetime").Should().Be(LoggedTime(logged));
        AssertInside(request, fixedRequest.Before, fixedRequest.After);
        request.Text("original").Should().Be(logged);
        request.Text("parser").Should().Be("nginx-access");
        request.Text("client_ip").Should().Be("127.0.0.1");
        request.Text("method").Should().Be("GET");
        request.Text("status").Should().Be("200");
        request.Text("user_agent").Should().Be(Agent);
        request.Text("source_path").Should().Be("/var/log/nginx/access.log", "the path as the host sees it");
        request.Text("verdict").Should().Be("valid");
        var error = events.Single(e => e.Text("parser") == "nginx-error" && e.Text("request")?.Contains($"/missing-{_id}.php", StringComparison.Ordinal) == true);
        error.Text("client_ip").Should().Be("127.0.0.1");
        error.Text("level").Should().Be("error");
        error.Text("time_note").Should().StartWith("zone assumed ");
        AssertInside(error, missing.Before, missing.After);
    }

    [SkippableFact]
    public async Task Apache_combined_common_and_vhost_combined_logs_and_its_error_log_show_the_fixed_request_at_its_logged_time()
    {
        Skip.IfNot(Environment.UserName == "root", "Apache drops to www-data only when started as root; CI runs as root");
        Skip.IfNot(File.Exists("/usr/sbin/apache2"), "apache2 is not installed (apt-get install -y apache2)");
        var port = LoopbackPort.Free();
        var logs = _root.MakeDirectory("var/log/apache2");
        var www = _root.MakeDirectory("www");
        File.SetUnixFileMode(www, (UnixFileMode)0b111_101_101);
        var config = _out.Write("apache2.conf", string.Join('\n',
            "ServerRoot /etc/apache2", $"PidFile {_out.Combine("apache2.pid")}", $"Mutex file:{_out.Path} default",
            $"ErrorLog {logs}/error.log", "LogLevel info", $"Listen 127.0.0.1:{port}", "ServerName localhost",
            "User www-data", "Group www-data", "IncludeOptional mods-enabled/*.load", "IncludeOptional mods-enabled/*.conf",
            "LogFormat \"%h %l %u %t \\\"%r\\\" %>s %O \\\"%{Referer}i\\\" \\\"%{User-Agent}i\\\"\" combined",
            "LogFormat \"%h %l %u %t \\\"%r\\\" %>s %O\" common",
            "LogFormat \"%v:%p %h %l %u %t \\\"%r\\\" %>s %O \\\"%{Referer}i\\\" \\\"%{User-Agent}i\\\"\" vhost_combined",
            $"DocumentRoot {www}", $"CustomLog {logs}/access.log combined", $"CustomLog {logs}/other_vhosts_access.log vhost_combined",
            $"CustomLog {logs}/common.log common", ""));
        var url = $"/fixed-{_id}.html";
        (DateTimeOffset Before, DateTimeOffset After, int Status) fixedRequest;
        using (var apache = ServerProcess.Start("/bin/bash", "-c", $". /etc/apache2/envvars && exec /usr/sbin/apache2 -f {config} -DFOREGROUND"))
        {
            fixedRequest = await Request(apache, port, url);
            apache.WaitUntil(() => File.Exists($"{logs}/common.log") && File.ReadAllText($"{logs}/common.log").Contains(url, StringComparison.Ordinal), "the request was logged");
        }
        fixedRequest.Status.Should().Be(404);

        var (events, _) = Timeline("linux-web-apache");

        foreach (var (file, withAgent) in new[] { ("access.log", true), ("other_vhosts_access.log", true), ("common.log", false) })
        {
            var request = events.Single(e => e.Text("url") == url && e.Text("source_path") == $"/var/log/apache2/{file}");
            var logged = File.ReadAllLines($"{logs}/{file}").Single(l => l.Contains(url, StringComparison.Ordinal));
            request.Text("datetime").Should().Be(LoggedTime(logged), file);
            AssertInside(request, fixedRequest.Before, fixedRequest.After);
            request.Text("parser").Should().Be("apache-access");
            request.Text("client_ip").Should().Be("127.0.0.1");
            request.Text("status").Should().Be("404");
            request.Text("user_agent").Should().Be(withAgent ? Agent : null, file);
            request.Text("vhost").Should().Be(file == "other_vhosts_access.log" ? "localhost:80" : null, "%v:%p is the server name and its canonical port");
        }
        var error = events.Single(e => e.Text("parser") == "apache-error" && e.Text("original")!.Contains(url[1..], StringComparison.Ordinal));
        error.Text("client_ip").Should().Be("127.0.0.1");
        error.Text("pid").Should().NotBeNull();
        error.Text("time_note").Should().StartWith("zone assumed ");
        AssertInside(error, fixedRequest.Before, fixedRequest.After);
    }
}
