using System.Diagnostics;
using System.Globalization;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests;

/// <summary>
/// --max-rate and --low-priority on the real executable: a production server's owner must be able to trust that the
/// collector reads no faster than asked and that every one of its threads yields the CPU and the disk.
/// </summary>
public sealed class ThrottleTests : IDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly TempDirectory _root = new("ek-throttle-root-");
    private readonly TempDirectory _target = new("ek-throttle-target-");

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
    }

    private void WriteCorpus(int bigMiB)
    {
        var chunk = new byte[MiB];
        new Random(42).NextBytes(chunk);
        var big = _root.Combine("srv", "logs", "big.log");
        Directory.CreateDirectory(Path.GetDirectoryName(big)!);
        using (var file = File.Create(big))
        {
            for (var i = 0; i < bigMiB; i++)
            {
                file.Write(chunk);
            }
        }
        for (var i = 0; i < 20; i++)
        {
            _root.Write($"srv/logs/small/app{i:D2}.log", chunk.AsSpan(0, 4096).ToArray());
        }
        _root.Write("profile.yaml", "name: profile\ndescription: test\ntargets:\n  - name: logs\n    description: logs\n    category: application\n    paths: [/srv/logs/**]\n");
    }

    private string[] Arguments(params string[] more) =>
        ["--profile", _root.Combine("profile.yaml"), "--root", _root.Path, "--target", _target.Path, "--case", "THROTTLE", "--quiet", .. more];

    [Fact]
    public void A_200_MiB_collection_capped_at_20MiB_per_second_takes_at_least_10_seconds_and_is_complete()
    {
        // Given 200 MiB of logs (one large file and some small ones)
        WriteCorpus(200);

        // When they are collected with --max-rate 20MiB/s
        var clock = Stopwatch.StartNew();
        var run = Run.Executable("evidencekit-collect", Arguments("--max-rate", "20MiB/s"), timeout: TimeSpan.FromMinutes(3));
        clock.Stop();

        // Then the run could not have read faster than the cap (a lower bound: a busy machine only makes it slower),
        // and the bundle holds every byte
        run.ExitCode.Should().Be(0, run.ToString());
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(10));
        var bundle = Directory.GetDirectories(_target.Path).Single();
        Run.Tool("sha256sum", ["-c", "--quiet", "manifest-sha256.txt"], workingDirectory: bundle).ExitCode.Should().Be(0);
        new FileInfo(Path.Combine(bundle, "data", "srv", "logs", "big.log")).Length.Should().Be(200L * MiB);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("0MiB/s")]
    [InlineData("-5MiB/s")]
    public void A_max_rate_that_is_not_a_positive_size_per_second_is_refused_before_anything_is_read(string rate)
    {
        WriteCorpus(1);

        var run = Run.Executable("evidencekit-collect", Arguments("--max-rate", rate));

        run.ExitCode.Should().Be(2, run.ToString());
        run.StdErr.Should().Contain("--max-rate");
        Directory.GetFileSystemEntries(_target.Path).Should().BeEmpty();
    }

    [SkippableFact]
    public void A_low_priority_collection_runs_every_thread_at_nice_19_in_the_idle_io_class()
    {
        Skip.IfNot(File.Exists("/usr/bin/ionice"), "ionice (util-linux) is not installed");
        // Given a collection slowed down enough to be looked at while it runs
        WriteCorpus(40);
        using var running = Run.StartExecutable("evidencekit-collect", Arguments("--low-priority", "--max-rate", "8MiB/s"));
        var process = running.Process;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            // When it has started copying
            WaitForPartial(process);
            var threads = Directory.GetDirectories($"/proc/{process.Id}/task").Select(Path.GetFileName).ToList();

            // Then every thread of the process has nice 19 and the idle I/O class
            threads.Should().HaveCountGreaterThan(1);
            foreach (var tid in threads)
            {
                if (Nice(process.Id, tid!) is not { } nice)
                {
                    continue; // the thread ended meanwhile
                }
                nice.Should().Be(19, $"thread {tid} of the collector");
                var ionice = Run.Tool("ionice", ["-p", tid!]);
                if (ionice.ExitCode == 0)
                {
                    ionice.StdOut.Trim().Should().Be("idle", $"thread {tid} of the collector");
                }
            }
            process.WaitForExit(TimeSpan.FromMinutes(2)).Should().BeTrue();
            process.ExitCode.Should().Be(0, stderr.Result);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            _ = stdout.Result;
        }
    }

    private void WaitForPartial(Process process)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (Directory.GetDirectories(_target.Path, "*.partial").Length > 0)
            {
                return;
            }
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the collector ended (exit {process.ExitCode}) before it could be looked at");
            }
            Thread.Sleep(20);
        }
        throw new TimeoutException("the collection did not start");
    }

    /// <summary>Field 19 of /proc/PID/task/TID/stat (after the parenthesised command name), or null when the thread is gone.</summary>
    private static int? Nice(int pid, string tid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/task/{tid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }
}
