using System.Text.Json;
using EvidenceKit.Testing;
using EvidenceKit.Timeline.Tests.Support;

namespace EvidenceKit.Timeline.Tests.Formats.Syslog;

/// <summary>
/// A private rsyslogd (own config, own socket, own files in a temporary directory; ended after the test) receives
/// lines from the real <c>logger</c> in RFC 3164 and RFC 5424 form, and a real sshd's login success and failure; the
/// collected files must come out in the timeline with the exact message, program, pid, user, address and outcome.
/// </summary>
public sealed class RealSyslogTimelineTests : IDisposable
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..10];
    private readonly TempDirectory _root = new("ek-tlsys-root-");
    private readonly TempDirectory _work = new("ek-tlsys-work-");
    private readonly TempDirectory _target = new("ek-tlsys-target-");

    public void Dispose()
    {
        _root.Dispose();
        _work.Dispose();
        _target.Dispose();
    }

    private string Socket => _work.Combine("log.sock");

    private ServerProcess StartRsyslog()
    {
        var logs = _root.MakeDirectory("var/log");
        var config = _work.Write("rsyslog.conf", $"""
            global(workDirectory="{_work.Path}")
            module(load="imuxsock" SysSock.Use="off")
            input(type="imuxsock" Socket="{Socket}" UseSpecialParser="off" ParseHostname="on")
            auth,authpriv.* action(type="omfile" file="{logs}/auth.log" template="RSYSLOG_TraditionalFileFormat")
            user.* action(type="omfile" file="{logs}/syslog" template="RSYSLOG_TraditionalFileFormat")
            local0.* action(type="omfile" file="{logs}/messages" template="RSYSLOG_SyslogProtocol23Format")

            """);
        var rsyslog = ServerProcess.Start("/usr/sbin/rsyslogd", "-n", "-f", config, "-i", _work.Combine("rsyslogd.pid"));
        rsyslog.WaitUntil(() => File.Exists(Socket), "rsyslogd created its socket");
        return rsyslog;
    }

    private void Logger(params string[] args)
    {
        var run = Run.Tool("logger", ["-u", Socket, .. args]);
        run.ExitCode.Should().Be(0, run.ToString());
    }

    private static bool Contains(string path, string text) => File.Exists(path) && File.ReadAllText(path).Contains(text, StringComparison.Ordinal);

    private List<JsonElement> Timeline()
    {
        var bundle = TimelineRuns.Collect(_root.Path, _target.Path, "linux-web-nginx");
        var output = _work.File("t.jsonl");
        var run = TimelineRuns.Timeline(bundle, "--out", output);
        run.ExitCode.Should().Be(0, run.ToString());
        return TimelineRuns.ReadJsonl(output);
    }

    [SkippableFact]
    public void Logger_lines_through_rsyslog_in_RFC_3164_and_RFC_5424_form_are_read_with_program_pid_and_message()
    {
        Skip.IfNot(File.Exists("/usr/sbin/rsyslogd"), "rsyslog is not installed (apt-get install -y rsyslog)");
        var before = DateTimeOffset.UtcNow;
        using (var rsyslog = StartRsyslog())
        {
            Logger("--rfc3164", "-t", "ektest", "--id=4242", "-p", "user.notice", $"hello 3164 {_id}");
            Logger("--rfc5424", "-t", "ektest5424", "--id=4343", "--msgid", "EKMSG", "-p", "local0.warning", $"hello 5424 {_id}");
            rsyslog.WaitUntil(() => Contains(_root.Combine("var/log/syslog"), _id) && Contains(_root.Combine("var/log/messages"), _id), "both lines were written");
        }
        var after = DateTimeOffset.UtcNow;

        var events = Timeline();

        var old = events.Single(e => e.Text("original")!.Contains($"hello 3164 {_id}", StringComparison.Ordinal));
        old.Text("parser").Should().Be("syslog");
        old.Text("syslog_form").Should().Be("rfc3164");
        old.Text("program").Should().Be("ektest");
        old.Text("pid").Should().Be("4242");
        old.Text("message").Should().Be($"ektest[4242]: hello 3164 {_id}");
        old.Text("source_path").Should().Be("/var/log/syslog");
        old.Text("time_note").Should().Contain("year inferred");
        var oldTime = DateTimeOffset.Parse(old.Text("datetime")!, System.Globalization.CultureInfo.InvariantCulture);
        oldTime.Should().BeOnOrAfter(before.AddSeconds(-1)).And.BeOnOrBefore(after.AddSeconds(1));
        var modern = events.Single(e => e.Text("original")!.Contains($"hello 5424 {_id}", StringComparison.Ordinal));
        modern.Text("syslog_form").Should().Be("rfc5424");
        modern.Text("program").Should().Be("ektest5424");
        modern.Text("pid").Should().Be("4343");
        modern.Text("msgid").Should().Be("EKMSG");
        modern.Text("facility").Should().Be("local0");
        modern.Text("severity").Should().Be("warning");
        modern.Text("time_note").Should().BeNull("RFC 5424 times carry their zone and year");
        modern.Text("structured_data").Should().StartWith("[timeQuality ");
        var modernTime = DateTimeOffset.Parse(modern.Text("datetime")!, System.Globalization.CultureInfo.InvariantCulture);
        modernTime.Should().BeOnOrAfter(before.AddSeconds(-1)).And.BeOnOrBefore(after.AddSeconds(1));
    }

    [SkippableFact]
    public void A_real_sshd_login_failure_and_success_are_recognised_with_user_address_and_outcome()
    {
        Skip.IfNot(File.Exists("/usr/sbin/rsyslogd"), "rsyslog is not installed (apt-get install -y rsyslog)");
        Skip.IfNot(File.Exists("/usr/sbin/sshd"), "openssh-server is not installed");
        using var sshd = new SshdFixture();
        var wrongKey = SshTool.NewKey(_work.Combine("wrong_key"));
        string[] Ssh(string key) => ["-i", key, "-p", sshd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=10", $"{sshd.User}@127.0.0.1", "true"];
        Run.Tool("ssh", Ssh(wrongKey)).ExitCode.Should().NotBe(0, "the wrong key is refused");
        Run.Tool("ssh", Ssh(sshd.ClientKeyPath)).ExitCode.Should().Be(0, "the authorized key logs in");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!sshd.Log.Contains("Accepted publickey", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }
        // sshd -e writes its own messages to stderr; they are passed to syslog as sshd itself would (facility auth).
        var lines = sshd.Log.Split('\n').Where(l => l.StartsWith("Accepted ", StringComparison.Ordinal) || l.StartsWith("Failed ", StringComparison.Ordinal)).ToList();
        lines.Should().Contain(l => l.StartsWith("Failed publickey", StringComparison.Ordinal)).And.Contain(l => l.StartsWith("Accepted publickey", StringComparison.Ordinal));
        using (var rsyslog = StartRsyslog())
        {
            foreach (var line in lines)
            {
                Logger("--rfc3164", "-t", "sshd", "--id=2222", "-p", "auth.info", line);
            }
            rsyslog.WaitUntil(() => Contains(_root.Combine("var/log/auth.log"), "Accepted publickey"), "the sshd lines were written");
        }

        var events = Timeline();

        var failure = events.First(e => e.Text("original")!.Contains("Failed publickey", StringComparison.Ordinal));
        failure.Text("outcome").Should().Be("failure");
        failure.Text("auth_event").Should().Be("ssh_login");
        failure.Text("user").Should().Be(sshd.User);
        failure.Text("client_ip").Should().Be("127.0.0.1");
        failure.Text("auth_method").Should().Be("publickey");
        failure.Text("source_path").Should().Be("/var/log/auth.log");
        var success = events.Single(e => e.Text("original")!.Contains("Accepted publickey", StringComparison.Ordinal));
        success.Text("outcome").Should().Be("success");
        success.Text("user").Should().Be(sshd.User);
        success.Text("client_ip").Should().Be("127.0.0.1");
        success.Text("program").Should().Be("sshd");
        success.Text("timestamp_desc").Should().Be("Authentication Time");
    }
}
