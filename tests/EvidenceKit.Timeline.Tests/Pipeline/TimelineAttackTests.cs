using EvidenceKit.Platform.Linux;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Text;
using EvidenceKit.Testing;
using EvidenceKit.Timeline.Output;
using EvidenceKit.Timeline.Pipeline;
using EvidenceKit.Timeline.Tests.Support;

namespace EvidenceKit.Timeline.Tests.Pipeline;

/// <summary>The timeline attacked: hostile lines, a decompression bomb, a file swapped after verification, a planted link.</summary>
public sealed class TimelineAttackTests : IDisposable
{
    private readonly TempDirectory _root = new("ek-tla-root-");
    private readonly TempDirectory _target = new("ek-tla-target-");
    private readonly TempDirectory _out = new("ek-tla-out-");

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
        _out.Dispose();
    }

    private static string Verified(string bundle) => Hex.Sha256(File.ReadAllBytes(Path.Combine(bundle, BundleLayout.ManifestJson)));

    [Fact]
    public void Hostile_lines_with_escapes_quotes_commas_newlines_and_formulas_stay_one_row_and_nothing_reaches_the_terminal_raw()
    {
        var agent = "=cmd|' /C calc'!A0,\\\"x\\\"\u001b]0;pwned\u0007\u202e";
        _root.Write("var/log/nginx/access.log",
            $"203.0.113.1 - - [01/Dec/2026:10:00:00 +0000] \"GET /=1+2,\\\"q\\\" HTTP/1.1\" 200 5 \"-\" \"{agent}\"\n" +
            "\u001b[2J\u001b[31mFAKE VERDICT: VALID\r\n" +
            $"@SUM(1) - - [01/Dec/2026:10:00:01 +0000] \"GET /b HTTP/1.1\" 200 5 \"-\" \"ua\"\n");
        var bundle = TimelineRuns.Collect(_root.Path, _target.Path);
        var csv = _out.File("t.csv");
        var jsonl = _out.File("t.jsonl");

        var csvRun = TimelineRuns.Timeline(bundle, "--out", csv, "--format", "csv", "--include-unparsed", "--summary");
        var jsonRun = TimelineRuns.Timeline(bundle, "--out", jsonl, "--include-unparsed", "--summary", "--json");

        csvRun.ExitCode.Should().Be(0, csvRun.ToString());
        jsonRun.ExitCode.Should().Be(0, jsonRun.ToString());
        var rows = File.ReadAllText(csv).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows.Should().HaveCount(4, "a header and three events, each on one physical line");
        foreach (var row in rows)
        {
            row.Should().NotContainAny("\u001b", "\r", "\u0007", "\u202e");
            foreach (var cell in SplitQuoted(row))
            {
                cell.Should().NotMatchRegex("^[=+@-]", "a spreadsheet must not run a cell as a formula");
            }
        }
        rows.Should().Contain(r => r.Contains("\"'=cmd|' /C calc'!A0,\\\"\"x\\\"\"\\x1b]0;pwned\\x07\\u202e\"", StringComparison.Ordinal));
        var events = TimelineRuns.ReadJsonl(jsonl);
        events.Should().HaveCount(3);
        events[0].Text("user_agent").Should().Be(agent, "JSON keeps the exact text, escaped inside the string");
        events[1].Text("original").Should().Be("\u001b[2J\u001b[31mFAKE VERDICT: VALID");
        File.ReadAllText(jsonl).Should().NotContainAny("\u001b", "\u0007", "\u202e");
        foreach (var output in new[] { csvRun.StdOut, csvRun.StdErr, jsonRun.StdOut, jsonRun.StdErr })
        {
            output.Should().NotContainAny("\u001b", "\u0007", "\u202e");
        }
        JsonDocument.Parse(jsonRun.StdOut).RootElement.GetProperty("attack_patterns").GetProperty("command_injection").GetProperty("count").GetInt64()
            .Should().Be(0, "'=cmd|' is a spreadsheet formula, not a shell command in the URL");
    }

    [Fact]
    public void A_huge_line_is_cut_at_the_line_bound_and_the_lines_after_it_are_still_read()
    {
        var huge = new string('A', 3 * 1024 * 1024);
        _root.Write("var/log/nginx/access.log",
            "203.0.113.1 - - [01/Dec/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"ua\"\n" + huge + "\n" +
            "203.0.113.1 - - [01/Dec/2026:10:00:02 +0000] \"GET /after HTTP/1.1\" 200 5 \"-\" \"ua\"\n");
        var bundle = TimelineRuns.Collect(_root.Path, _target.Path);
        var output = _out.File("t.jsonl");

        var run = TimelineRuns.Timeline(bundle, "--out", output, "--include-unparsed");

        run.ExitCode.Should().Be(0, run.ToString());
        var events = TimelineRuns.ReadJsonl(output);
        events.Select(e => e.Text("line")).Should().Equal("1", "2", "3");
        events[2].Text("url").Should().Be("/after");
        events[1].Text("original")!.Length.Should().BeLessThan(70 * 1024, "the line is cut at 64 KiB, not held whole");
    }

    [Fact]
    public void A_decompression_bomb_is_stopped_at_the_bound_and_named_while_the_other_files_are_read()
    {
        _root.Write("var/log/nginx/access.log", "203.0.113.1 - - [01/Dec/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"ua\"\n");
        using (var file = File.Create(_root.Combine("var/log/nginx/access.log.3.gz")))
        using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
        {
            var line = Encoding.ASCII.GetBytes("203.0.113.9 - - [01/Dec/2026:09:00:00 +0000] \"GET /bomb HTTP/1.1\" 200 5 \"-\" \"ua\"\n");
            for (var i = 0; i < 400_000; i++)
            {
                gzip.Write(line);
            }
        }
        var bundle = TimelineRuns.Collect(_root.Path, _target.Path);
        using var builder = new TimelineBuilder(new TimelineOptions { BagFiles = HostAdapters.BagFiles(new System.IO.Abstractions.FileSystem()), MaxDecompressedBytes = 4 * 1024 * 1024, TempRoot = _out.Path });
        builder.AddBundle(bundle, "valid", Verified(bundle));

        var result = builder.Build();
        var events = result.Events().ToList();

        var bomb = result.Files.Single(f => f.Record.SourcePath.EndsWith(".3.gz", StringComparison.Ordinal));
        bomb.Notes.Should().ContainSingle(n => n.StartsWith("decompression bound: it expands beyond 4194304 bytes", StringComparison.Ordinal));
        bomb.Events.Should().BeLessThan(4 * 1024 * 1024 / 80 + 1, "nothing past the bound was read");
        events.Should().Contain(e => e.Event.Message.Contains("/a", StringComparison.Ordinal), "the other files are read");
    }

    [Fact]
    public void A_file_changed_after_verification_is_read_but_its_events_are_marked_unverified_and_it_is_named()
    {
        _root.Write("var/log/nginx/access.log", "203.0.113.1 - - [01/Dec/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"ua\"\n");
        var bundle = TimelineRuns.Collect(_root.Path, _target.Path);
        using var builder = new TimelineBuilder(new TimelineOptions { BagFiles = HostAdapters.BagFiles(new System.IO.Abstractions.FileSystem()), TempRoot = _out.Path });
        builder.AddBundle(bundle, "valid", Verified(bundle));
        File.WriteAllText(Path.Combine(bundle, "data/var/log/nginx/access.log"),
            "203.0.113.1 - - [01/Dec/2026:10:00:00 +0000] \"GET /swapped HTTP/1.1\" 200 5 \"-\" \"ua\"\n");

        var result = builder.Build();
        var events = result.Events().ToList();

        var swapped = events.Single(e => e.Event.Message.Contains("/swapped", StringComparison.Ordinal));
        swapped.File.Verdict.Should().Be("unverified");
        swapped.File.Notes.Should().Contain(n => n.Contains("no longer match the manifest's SHA-256", StringComparison.Ordinal));
    }

    [Fact]
    public void A_log_replaced_by_a_symbolic_link_in_the_bag_is_not_followed()
    {
        var secret = _out.Write("secret.log", "Dec  1 10:00:00 web01 sshd[1]: Accepted password for SECRET from 192.0.2.1 port 1 ssh2\n");
        _root.Write("var/log/auth.log", "Dec  1 10:00:00 web01 sshd[1]: Accepted password for alice from 192.0.2.1 port 1 ssh2\n");
        var bundle = TimelineRuns.Collect(_root.Path, _target.Path);
        var planted = Path.Combine(bundle, "data/var/log/auth.log");
        File.Delete(planted);
        File.CreateSymbolicLink(planted, secret);
        var output = _out.File("t.jsonl");

        var run = TimelineRuns.Timeline(bundle, "--out", output, "--force");

        run.ExitCode.Should().Be(0, run.ToString());
        File.ReadAllText(output).Should().NotContain("SECRET");
        run.StdErr.Should().Contain("/var/log/auth.log: not read:").And.Contain("symbolic link");
    }

    [Fact]
    public void Correct_clock_applies_the_recorded_host_clock_offset_and_the_event_says_so()
    {
        _root.Write("var/log/nginx/access.log", "203.0.113.1 - - [01/Dec/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"ua\"\n");
        // The collector records the offset as the fleet playbook passes it: host clock minus reference, 90.5 s fast.
        var bundle = TimelineRuns.Collect(_root.Path, _target.Path, "linux-web-nginx", null, "--clock-offset", "90.5:0.2", "--clock-reference", "ntp");
        using var corrected = new TimelineBuilder(new TimelineOptions { BagFiles = HostAdapters.BagFiles(new System.IO.Abstractions.FileSystem()), CorrectClock = true, TempRoot = _out.Path });
        corrected.AddBundle(bundle, "unverified", null);
        using var plain = new TimelineBuilder(new TimelineOptions { BagFiles = HostAdapters.BagFiles(new System.IO.Abstractions.FileSystem()), TempRoot = _out.Path });
        plain.AddBundle(bundle, "unverified", null);

        var fixedEvent = corrected.Build().Events().Single().Event;
        var asLogged = plain.Build().Events().Single().Event;

        TimelineRow.DateTime(asLogged).Should().Be("2026-12-01T10:00:00.000000+00:00");
        TimelineRow.DateTime(fixedEvent).Should().Be("2026-12-01T09:58:29.500000+00:00", "a host clock 90.5 s fast is set back");
        fixedEvent.TimeNote.Should().Be("clock corrected by -90.5 s (host.clockOffset)");
        asLogged.TimeNote.Should().BeNull();
    }

    [Fact]
    public void Many_events_are_sorted_through_spilled_runs_in_a_private_directory_that_is_removed_afterwards()
    {
        var lines = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            var second = (i * 7919) % 3000;
            lines.Append($"203.0.113.{i % 200} - - [01/Dec/2026:10:{second / 60:D2}:{second % 60:D2} +0000] \"GET /p{second} HTTP/1.1\" 200 5 \"-\" \"ua\"\n");
        }
        _root.Write("var/log/nginx/access.log", lines.ToString());
        var bundle = TimelineRuns.Collect(_root.Path, _target.Path);
        var builder = new TimelineBuilder(new TimelineOptions { BagFiles = HostAdapters.BagFiles(new System.IO.Abstractions.FileSystem()), RunBytes = 2 * 1024, TempRoot = _out.Path });
        builder.AddBundle(bundle, "valid", Verified(bundle));

        var result = builder.Build();
        var times = result.Events().Select(e => e.Event.Ticks).ToList();
        var temp = Directory.GetDirectories(_out.Path, "evidencekit-timeline-*").Single();
        var mode = File.GetUnixFileMode(temp);
        builder.Dispose();

        result.RunsSpilled.Should().BeGreaterThan(ExternalSorter.MaxFanIn, "so the merge also runs an intermediate pass");
        times.Should().HaveCount(3000).And.BeInAscendingOrder();
        mode.Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.Exists(temp).Should().BeFalse();
    }

    private static IEnumerable<string> SplitQuoted(string row)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < row.Length; i++)
        {
            var c = row[i];
            if (quoted && c == '"' && i + 1 < row.Length && row[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
