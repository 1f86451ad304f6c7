using System.Text.Json;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Testing;
using EvidenceKit.Timeline.Tests.Support;

namespace EvidenceKit.Timeline.Tests.Pipeline;

/// <summary>evidencekit-verify timeline end to end: real collector bundles, the real verifier executable, real files.</summary>
public sealed class TimelineCommandTests : IDisposable
{
    private readonly TempDirectory _root = new("ek-tl-root-");
    private readonly TempDirectory _root2 = new("ek-tl-root2-");
    private readonly TempDirectory _target = new("ek-tl-target-");
    private readonly TempDirectory _out = new("ek-tl-out-");

    public void Dispose()
    {
        _root.Dispose();
        _root2.Dispose();
        _target.Dispose();
        _out.Dispose();
    }

    [Fact]
    public void Two_bundles_are_merged_in_time_order_and_every_event_names_its_bundle_evidence_file_hash_and_line()
    {
        _root.Write("var/log/nginx/access.log",
            "203.0.113.1 - - [01/Dec/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"ua\"\n" +
            "203.0.113.1 - - [01/Dec/2026:10:00:02 +0000] \"GET /c HTTP/1.1\" 200 5 \"-\" \"ua\"\n");
        _root2.Write("var/log/nginx/access.log",
            "203.0.113.2 - - [01/Dec/2026:11:00:01 +0100] \"GET /b HTTP/1.1\" 404 5 \"-\" \"ua\"\n");
        var first = TimelineRuns.Collect(_root.Path, _target.Path);
        var second = TimelineRuns.Collect(_root2.Path, _target.Path);
        var output = _out.File("timeline.jsonl");

        var run = TimelineRuns.Timeline(first, second, "--out", output);

        run.ExitCode.Should().Be(0, run.ToString());
        var events = TimelineRuns.ReadJsonl(output);
        events.Select(e => e.Text("url")).Should().Equal("/a", "/b", "/c");
        events.Select(e => e.Text("datetime")).Should().Equal(
            "2026-12-01T10:00:00.000000+00:00", "2026-12-01T10:00:01.000000+00:00", "2026-12-01T10:00:02.000000+00:00");
        events[1].Text("timestamp").Should().Be("1796119201000000");
        var manifest = ManifestJson.FromUtf8<CustodyManifest>(File.ReadAllBytes(Path.Combine(second, BundleLayout.ManifestJson)));
        var record = BundleRecords.Files(second).Single(f => f.SourcePath == "/var/log/nginx/access.log");
        events[1].Text("bundle_id").Should().Be(manifest.BundleId.ToString());
        events[1].Text("evidence_id").Should().Be(record.Id);
        events[1].Text("bag_path").Should().Be(record.BagPath);
        events[1].Text("evidence_sha256").Should().Be(record.Sha256).And.Be(Run.Tool("sha256sum", [Path.Combine(second, record.BagPath)]).StdOut[..64]);
        events[1].Text("line").Should().Be("1");
        events[1].Text("verdict").Should().Be("valid");
        events[1].Text("parser").Should().Be("nginx-access");
        events[1].Text("timestamp_desc").Should().Be("Request Time");
        events[1].Text("original").Should().Be("203.0.113.2 - - [01/Dec/2026:11:00:01 +0100] \"GET /b HTTP/1.1\" 404 5 \"-\" \"ua\"");
        events[1].Text("status").Should().Be("404");
        events[1].Text("client_ip").Should().Be("203.0.113.2");
    }

    [Fact]
    public void A_rotated_gz_sibling_is_read_transparently_and_a_zoneless_syslog_across_new_year_is_read_in_the_host_zone()
    {
        var rotated = _root.Write("var/log/nginx/access.log.2.gz", Array.Empty<byte>());
        File.Delete(rotated);
        _root.Write("var/log/nginx/access.log.2", "198.51.100.7 - - [30/Dec/2026:23:00:00 +0000] \"GET /old HTTP/1.1\" 200 1 \"-\" \"ua\"\n");
        Run.Tool("gzip", [_root.Combine("var/log/nginx/access.log.2")]).ExitCode.Should().Be(0);
        var auth = _root.Write("var/log/auth.log",
            "Dec 31 23:59:58 web01 sshd[12]: Failed password for invalid user bob from 192.0.2.5 port 2222 ssh2\n" +
            "Jan  1 00:00:01 web01 sshd[13]: Accepted password for alice from 192.0.2.6 port 2223 ssh2\n");
        File.SetLastWriteTimeUtc(auth, new DateTime(2027, 1, 1, 0, 10, 0, DateTimeKind.Utc));
        var bundle = TimelineRuns.Collect(_root.Path, _target.Path, zone: "Europe/Berlin");
        var output = _out.File("t.jsonl");

        var run = TimelineRuns.Timeline(bundle, "--out", output);

        run.ExitCode.Should().Be(0, run.ToString());
        var events = TimelineRuns.ReadJsonl(output);
        var old = events.Single(e => e.Text("url") == "/old");
        old.Text("source_path").Should().Be("/var/log/nginx/access.log.2.gz");
        old.Text("datetime").Should().Be("2026-12-30T23:00:00.000000+00:00");
        var failed = events.Single(e => e.Text("outcome") == "failure");
        failed.Text("datetime").Should().Be("2026-12-31T22:59:58.000000+00:00", "Berlin is UTC+1 in winter and the year is the one before the file's January mtime");
        failed.Text("time_note").Should().Contain("zone assumed Europe/Berlin").And.Contain("year inferred 2026");
        var accepted = events.Single(e => e.Text("outcome") == "success");
        accepted.Text("datetime").Should().Be("2026-12-31T23:00:01.000000+00:00");
        accepted.Text("time_note").Should().Contain("year inferred 2027");
        accepted.Text("user").Should().Be("alice");
        accepted.Text("client_ip").Should().Be("192.0.2.6");
    }

    [Fact]
    public void Unparsed_lines_are_counted_and_listed_kept_as_raw_events_on_request_and_a_file_no_parser_knows_is_named()
    {
        _root.Write("var/log/nginx/access.log",
            "203.0.113.1 - - [01/Dec/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"ua\"\n" +
            "this is not an access log line\n" +
            "203.0.113.1 - - [01/Dec/2026:10:00:02 +0000] \"GET /c HTTP/1.1\" 200 5 \"-\" \"ua\"\n");
        _root.Write("var/log/nginx/mystery.log", "\u0001\u0002 binary-ish stuff nobody parses\n");
        var bundle = TimelineRuns.Collect(_root.Path, _target.Path);
        var plain = _out.File("plain.jsonl");
        var kept = _out.File("kept.jsonl");

        var run = TimelineRuns.Timeline(bundle, "--out", plain, "--summary", "--json");
        var withRaw = TimelineRuns.Timeline(bundle, "--out", kept, "--include-unparsed");

        run.ExitCode.Should().Be(0, run.ToString());
        run.StdErr.Should().Contain("unparsed: 1 lines of").And.Contain("/var/log/nginx/access.log").And.Contain("mystery.log: no parser knows this file");
        var summary = JsonDocument.Parse(run.StdOut).RootElement;
        var files = summary.GetProperty("files").EnumerateArray().ToList();
        files.Single(f => f.Text("source_path") == "/var/log/nginx/access.log").GetProperty("unparsed").GetInt64().Should().Be(1);
        files.Single(f => f.Text("source_path") == "/var/log/nginx/mystery.log").GetProperty("notes")[0].GetString().Should().Be("no parser knows this file");
        TimelineRuns.ReadJsonl(plain).Should().HaveCount(2);
        var raw = TimelineRuns.ReadJsonl(kept);
        raw.Should().HaveCount(3);
        raw[1].Text("parser").Should().Be("unparsed");
        raw[1].Text("line").Should().Be("2");
        raw[1].Text("original").Should().Be("this is not an access log line");
        raw[1].Text("datetime").Should().Be("2026-12-01T10:00:00.000000+00:00", "an unparsed line takes the time of the event before it and says so");
        raw[1].Text("time_note").Should().Contain("previous event");
    }

    [Fact]
    public void An_INVALID_bundle_is_refused_with_its_verdict_and_with_force_every_event_is_marked_unverified()
    {
        _root.Write("var/log/nginx/access.log", "203.0.113.1 - - [01/Dec/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"ua\"\n");
        var bundle = TimelineRuns.Collect(_root.Path, _target.Path);
        File.AppendAllText(Path.Combine(bundle, "data/var/log/nginx/access.log"),
            "203.0.113.66 - - [01/Dec/2026:10:00:09 +0000] \"GET /planted HTTP/1.1\" 200 5 \"-\" \"ua\"\n");
        var output = _out.File("t.jsonl");

        var refused = TimelineRuns.Timeline(bundle, "--out", output);

        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.StdErr.Should().Contain("is INVALID").And.Contain("--force");
        File.Exists(output).Should().BeFalse("nothing is written from a refused bundle");

        var forced = TimelineRuns.Timeline(bundle, "--out", output, "--force");

        forced.ExitCode.Should().Be(0, forced.ToString());
        var events = TimelineRuns.ReadJsonl(output);
        events.Should().HaveCount(2).And.OnlyContain(e => e.Text("verdict") == "unverified");
    }

    [Fact]
    public void Mactime_accepts_the_bodyfile_of_the_collected_files_metadata()
    {
        _root.Write("var/log/nginx/access.log", "x\n");
        var hostile = _root.Write("var/log/nginx/a|b\u001b[31m.log", "y\n");
        File.SetLastWriteTimeUtc(hostile, new DateTime(2026, 11, 5, 8, 0, 0, DateTimeKind.Utc));
        var bundle = TimelineRuns.Collect(_root.Path, _target.Path);
        var body = _out.File("body.txt");

        var run = TimelineRuns.Timeline(bundle, "--out", body, "--format", "bodyfile");

        run.ExitCode.Should().Be(0, run.ToString());
        var lines = File.ReadAllLines(body);
        lines.Should().HaveCount(2).And.OnlyContain(l => l.Split('|').Length == 11);
        lines.Should().Contain(l => l.Contains("a\\x7cb\\x1b[31m.log", StringComparison.Ordinal));
        var mactime = Run.Tool("mactime", ["-b", body, "-d", "-z", "UTC"]);
        mactime.ExitCode.Should().Be(0, mactime.ToString());
        mactime.StdOut.Should().Contain("/var/log/nginx/access.log").And.Contain("Thu Nov 05 2026 08:00:00");
        mactime.StdOut.Should().NotContain("\u001b");
    }
}
