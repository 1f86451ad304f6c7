using System.Diagnostics;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests;

/// <summary>A collection killed or interrupted mid-run leaves a resumable .partial; --resume seals it.</summary>
[Trait("Category", "Slow")]
public sealed class InterruptionTests : IDisposable
{
    private readonly TempDirectory _root = new("ek-root-");
    private readonly TempDirectory _target = new("ek-target-");

    public InterruptionTests()
    {
        var payload = new byte[16 * 1024];
        for (var d = 0; d < 50; d++)
        {
            for (var i = 0; i < 100; i++)
            {
                Random.Shared.NextBytes(payload);
                _root.Write($"srv/logs/d{d:D2}/f{i:D3}.log", payload);
            }
        }
        _root.Write("profile.yaml", "name: profile\ndescription: test\ntargets:\n  - name: logs\n    description: logs\n    category: application\n    paths: [/srv/logs/**]\n");
    }

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
    }

    private RunningProcess Start() => Run.StartExecutable("evidencekit-collect",
        ["--profile", _root.Combine("profile.yaml"), "--root", _root.Path, "--target", _target.Path, "--case", "KILL", "--parallel", "1", "--quiet"]);

    private string WaitForJournal(Process process, int lines)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var partial = Directory.GetDirectories(_target.Path, "*.partial").FirstOrDefault();
            var journal = partial is null ? null : Path.Combine(partial, BundleLayout.Journal);
            if (journal is not null && File.Exists(journal) && CountLines(journal) >= lines)
            {
                return partial!;
            }
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the collector finished (exit {process.ExitCode}) before it could be interrupted");
            }
            Thread.Sleep(5);
        }
        throw new TimeoutException("no journal entries appeared");
    }

    private static int CountLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var count = 0;
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            count += b == '\n' ? 1 : 0;
        }
        return count;
    }

    [Fact]
    public void A_collection_killed_with_SIGKILL_resumes_into_a_bundle_that_sha256sum_accepts()
    {
        using var running = Start();
        var process = running.Process;
        var partial = WaitForJournal(process, 200);
        process.Kill();
        process.WaitForExit(10_000).Should().BeTrue();
        Directory.Exists(partial).Should().BeTrue("a killed run leaves its .partial");
        Directory.GetDirectories(_target.Path).Should().OnlyContain(d => d.EndsWith(".partial"), "nothing looks sealed");
        var journalled = CountLines(Path.Combine(partial, BundleLayout.Journal));

        var resume = Run.Executable("evidencekit-collect", ["--resume", partial]);

        resume.ExitCode.Should().Be(0, resume.ToString());
        var bundle = partial[..^BundleLayout.PartialSuffix.Length];
        Directory.Exists(partial).Should().BeFalse();
        var sums = Run.Tool("sha256sum", ["-c", "--strict", "--quiet", "manifest-sha256.txt"], workingDirectory: bundle);
        sums.ExitCode.Should().Be(0, sums.ToString());
        Run.Tool("sha256sum", ["-c", "--strict", "--quiet", "tagmanifest-sha256.txt"], workingDirectory: bundle).ExitCode.Should().Be(0);
        var manifest = BundleRecords.Manifest(bundle);
        manifest.Files.Should().HaveCount(5000);
        manifest.Files.Select(f => f.Id).Should().OnlyHaveUniqueItems("custody/files.jsonl holds each finished file once, in the order the files finished");
        manifest.Case.Id.Should().Be("KILL");
        manifest.Notes.Should().ContainSingle(n => n.Contains("resumed")).Which.Should().Contain("files kept");
        Directory.GetFiles(Path.Combine(bundle, "data"), "*", SearchOption.AllDirectories).Should().HaveCount(5000);
        File.Exists(Path.Combine(bundle, BundleLayout.Journal)).Should().BeFalse();
        journalled.Should().BeGreaterThanOrEqualTo(200);
    }

    [Fact]
    public void Ctrl_C_ends_with_exit_130_and_leaves_a_partial_that_resume_finishes()
    {
        using var running = Start();
        var process = running.Process;
        var partial = WaitForJournal(process, 100);
        Run.Tool("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        process.WaitForExit(60_000).Should().BeTrue();

        process.ExitCode.Should().Be(130, process.StandardError.ReadToEnd());
        Directory.Exists(partial).Should().BeTrue();
        process.StandardOutput.ReadToEnd().Should().Contain($"To finish it: evidencekit-collect --resume {partial}",
            "Ctrl-C ends with the .partial's path and the exact command that finishes it");

        var resume = Run.Executable("evidencekit-collect", ["--resume", partial]);
        resume.ExitCode.Should().Be(0, resume.ToString());
        var bundle = partial[..^BundleLayout.PartialSuffix.Length];
        Run.Tool("sha256sum", ["-c", "--strict", "--quiet", "manifest-sha256.txt"], workingDirectory: bundle).ExitCode.Should().Be(0);
    }

    [Fact]
    public void Resume_refuses_a_path_that_is_not_a_partial_bundle()
    {
        var run = Run.Executable("evidencekit-collect", ["--resume", _target.Path]);

        run.ExitCode.Should().Be(2);
        run.StdErr.Should().Contain(".partial");
    }
}
