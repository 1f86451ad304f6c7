using System.Diagnostics;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests.Tooling;

/// <summary>
/// scripts/process-guard.py, which scripts/test.sh runs after the suite: a process started during the run and left
/// alive fails it with its pid; once that process is ended the guard passes. Real processes, real script.
/// </summary>
public sealed class ProcessGuardTests : IDisposable
{
    private readonly TempDirectory _work = new("ek-guard-");
    private readonly string _token = "guard-test-" + Guid.NewGuid().ToString("N");

    public void Dispose() => _work.Dispose();

    private ProcessResult Guard(params string[] args) =>
        Run.Tool("python3", [Path.Combine(Run.RepositoryRoot(), "scripts", "process-guard.py"), .. args], timeout: TimeSpan.FromMinutes(1));

    [Fact]
    public void A_process_left_alive_by_the_run_fails_the_guard_with_its_pid_and_passes_once_it_is_ended()
    {
        var before = _work.Combine("before");
        Guard("snapshot", before).ExitCode.Should().Be(0);

        var start = new ProcessStartInfo("sleep") { UseShellExecute = false };
        start.ArgumentList.Add("120");
        start.Environment["EVIDENCEKIT_TEST_RUN"] = _token;
        using var leftover = new RunningProcess(Process.Start(start)!);

        var caught = Guard("check", before, _token);
        caught.ExitCode.Should().Be(1, caught.ToString());
        caught.StdOut.Should().Contain($"pid {leftover.Process.Id} ");

        ProcessTree.Kill(leftover.Process);
        var clean = Guard("check", before, _token);
        clean.StdOut.Should().NotContain($"pid {leftover.Process.Id} ", "the ended process is no longer listed");
    }
}
