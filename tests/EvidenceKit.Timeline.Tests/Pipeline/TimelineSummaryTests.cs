using System.Text.Json;
using EvidenceKit.Testing;
using EvidenceKit.Timeline.Tests.Support;

namespace EvidenceKit.Timeline.Tests.Pipeline;

/// <summary>The triage summary and the time window on a real bundle; verdicts of a signed (prosecution) bundle.</summary>
public sealed class TimelineSummaryTests : IClassFixture<TestPki>, IDisposable
{
    private readonly TestPki _pki;
    private readonly TempDirectory _root = new("ek-tls-root-");
    private readonly TempDirectory _target = new("ek-tls-target-");
    private readonly TempDirectory _out = new("ek-tls-out-");

    public TimelineSummaryTests(TestPki pki)
    {
        _pki = pki;
        _root.Write("var/log/nginx/access.log",
            "203.0.113.9 - - [24/Nov/2026:03:00:00 +0000] \"GET /index.php?id=1%27%20UNION%20SELECT%20password%20FROM%20users-- HTTP/1.1\" 200 5 \"-\" \"sqlmap/1.7\"\n" +
            "203.0.113.9 - - [24/Nov/2026:03:00:05 +0000] \"GET /../../etc/passwd HTTP/1.1\" 400 5 \"-\" \"Mozilla/5.0\"\n" +
            "203.0.113.9 - - [24/Nov/2026:03:00:09 +0000] \"POST /uploads/c99.php HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0\"\n" +
            "198.51.100.1 - - [24/Nov/2026:02:00:00 +0000] \"GET /ping.php?host=127.0.0.1;cat%20/etc/shadow HTTP/1.1\" 500 5 \"-\" \"Mozilla/5.0\"\n" +
            "192.0.2.200 - - [25/Nov/2026:12:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0\"\n");
        _root.Write("var/log/auth.log",
            "Nov 24 03:01:00 web01 sshd[5]: Failed password for root from 203.0.113.9 port 4000 ssh2\n" +
            "Nov 24 03:01:02 web01 sshd[5]: Failed password for root from 203.0.113.9 port 4001 ssh2\n");
        File.SetLastWriteTimeUtc(_root.Combine("var/log/auth.log"), new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc));
    }

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
        _out.Dispose();
    }

    [Fact]
    public void The_summary_names_busiest_clients_errors_auth_failures_and_attack_pattern_matches_inside_the_window()
    {
        var bundle = TimelineRuns.Collect(_root.Path, _target.Path);
        var output = _out.File("t.jsonl");

        var run = TimelineRuns.Timeline(bundle, "--out", output, "--since", "2026-11-24T02:30:00Z", "--until", "2026-11-24", "--summary", "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        var events = TimelineRuns.ReadJsonl(output);
        events.Should().HaveCount(5, "the 02:00 request and the next day's are outside the window");
        var summary = JsonDocument.Parse(run.StdOut).RootElement;
        var top = summary.GetProperty("top_requests")[0];
        top.Text("client_ip").Should().Be("203.0.113.9");
        top.GetProperty("requests").GetInt64().Should().Be(3);
        top.Text("first").Should().Be("2026-11-24T03:00:00.000000Z");
        top.Text("last").Should().Be("2026-11-24T03:01:02.000000Z");
        summary.GetProperty("top_errors")[0].GetProperty("errors").GetInt64().Should().Be(1);
        summary.GetProperty("top_auth_failures")[0].GetProperty("auth_failures").GetInt64().Should().Be(2);
        var patterns = summary.GetProperty("attack_patterns");
        foreach (var name in new[] { "sql_injection", "path_traversal", "web_shell", "scanner_user_agent" })
        {
            patterns.GetProperty(name).GetProperty("count").GetInt64().Should().Be(1, name);
        }
        patterns.GetProperty("command_injection").GetProperty("count").GetInt64().Should().Be(0, "that request was before --since");
        var shell = patterns.GetProperty("web_shell").GetProperty("examples")[0];
        shell.Text("request").Should().Be("/uploads/c99.php");
        shell.GetProperty("line").GetInt64().Should().Be(3);
        shell.Text("evidence_id").Should().MatchRegex("^E[0-9]{6}$");
        var sources = summary.GetProperty("sources").EnumerateArray().ToList();
        sources.Single(s => s.Text("source_path") == "/var/log/auth.log").GetProperty("events").GetInt64().Should().Be(2);

        var text = TimelineRuns.Timeline(bundle, "--out", output, "--summary");
        text.StdOut.Should().Contain("Attack-pattern matches (heuristics, not verdicts; see README)").And.Contain("203.0.113.9: 3, 2026-11-24T03:00:00.000000Z, 2026-11-24T03:01:02.000000Z");
    }

    [Fact]
    public void A_prosecution_bundle_is_valid_with_its_examiner_trusted_and_untrusted_without_and_the_events_say_which()
    {
        var run = Run.Executable("evidencekit-collect", ["--profile", "linux-web-nginx", "--root", _root.Path, "--target", _target.Path,
            "--mode", "prosecution", "--key", _pki.Examiner, "--case", "TL-P", "--examiner", "Test Examiner"], environment: new Dictionary<string, string?> { ["EVIDENCEKIT_KEY_PASSPHRASE"] = TestPki.Passphrase });
        run.ExitCode.Should().Be(0, run.ToString());
        var bundle = Directory.GetDirectories(_target.Path).Single();
        var trusted = _out.File("trusted.jsonl");
        var untrusted = _out.File("untrusted.jsonl");

        var withTrust = TimelineRuns.Timeline(bundle, "--out", trusted, "--trust", _pki.RootCertificate);
        var without = TimelineRuns.Timeline(bundle, "--out", untrusted);

        withTrust.ExitCode.Should().Be(0, withTrust.ToString());
        withTrust.StdErr.Should().Contain(": VALID");
        TimelineRuns.ReadJsonl(trusted).Should().HaveCount(7).And.OnlyContain(e => e.Text("verdict") == "valid");
        without.ExitCode.Should().Be(0, without.ToString());
        without.StdErr.Should().Contain(": UNTRUSTED");
        TimelineRuns.ReadJsonl(untrusted).Should().HaveCount(7).And.OnlyContain(e => e.Text("verdict") == "untrusted");
    }
}
