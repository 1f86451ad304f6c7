using System.Diagnostics;

namespace EvidenceKit.Testing;

/// <summary>A process a test started and did not wait for; disposing it kills it with its whole tree if it still runs.</summary>
public sealed class RunningProcess(Process process) : IDisposable
{
    /// <summary>The process, to read its output, signal it or wait for it.</summary>
    public Process Process { get; } = process;

    /// <summary>Ends the process and everything it forked (<see cref="ProcessTree.Kill"/>), then releases it.</summary>
    public void Dispose()
    {
        ProcessTree.Kill(Process);
        Process.Dispose();
    }
}
