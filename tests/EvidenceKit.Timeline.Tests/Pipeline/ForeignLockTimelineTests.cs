using EvidenceKit.Testing;
using EvidenceKit.Timeline.Tests.Support;

namespace EvidenceKit.Timeline.Tests.Pipeline;

/// <summary>
/// .NET emulates Windows file sharing on Linux with advisory <c>flock(2)</c> locks, so a process opening the output with
/// "no sharing" failed ("being used by another process") whenever anyone else held a lock on it: two timelines written
/// to <c>/dev/null</c> at once, or any user flocking the file. The executables turn that emulation off; a lock held by
/// another process changes nothing.
/// </summary>
public sealed class ForeignLockTimelineTests : IDisposable
{
    private readonly TempDirectory _root = new("ek-tll-root-");
    private readonly TempDirectory _target = new("ek-tll-target-");
    private readonly TempDirectory _out = new("ek-tll-out-");

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
        _out.Dispose();
    }

    [SkippableFact]
    public void A_timeline_is_written_to_dev_null_and_to_a_file_while_another_process_holds_an_exclusive_lock_on_each()
    {
        Requires.Program("flock", "util-linux");
        Directory.CreateDirectory(_root.Combine("var/log/nginx"));
        File.WriteAllText(_root.File("var/log/nginx/access.log"),
            "203.0.113.9 - - [01/Dec/2026:10:00:00 +0000] \"GET /index.html HTTP/1.1\" 200 512 \"-\" \"curl/8.0\"\n");
        var bundle = TimelineRuns.Collect(_root.Path, _target.Path);
        var file = _out.File("timeline.jsonl");
        File.WriteAllText(file, "");

        using (ForeignLock.Hold("/dev/null"))
        using (ForeignLock.Hold(file))
        {
            foreach (var output in new[] { "/dev/null", file })
            {
                var run = TimelineRuns.Timeline(bundle, "--out", output);

                run.ExitCode.Should().Be(0, run.ToString());
                run.StdErr.Should().Contain("wrote 1 events from 1 of 1 files").And.NotContain("used by another process");
            }
        }
        // Read after the holder is gone: the test's own .NET still takes advisory locks.
        TimelineRuns.ReadJsonl(file).Should().ContainSingle().Which.Text("client_ip").Should().Be("203.0.113.9");
    }
}
