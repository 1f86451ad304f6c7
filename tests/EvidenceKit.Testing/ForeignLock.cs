using System.Diagnostics;

namespace EvidenceKit.Testing;

/// <summary>
/// Another process holding an exclusive <c>flock(2)</c> on a file, as any user who can open the file may do (util-linux
/// <c>flock -x</c>): held from the return of <see cref="Hold"/> until disposed, when the holder's whole tree is ended.
/// </summary>
public static class ForeignLock
{
    private static readonly TimeSpan TakeLimit = TimeSpan.FromSeconds(90);

    /// <summary>Takes an exclusive lock on <paramref name="path"/> in a process of its own (waiting up to a minute for a
    /// holder that is already there) and returns once it is held.</summary>
    public static RunningProcess Hold(string path)
    {
        var psi = new ProcessStartInfo("flock") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--exclusive", "--timeout", "60", path, "--command", "echo held; exec sleep 300" })
        {
            psi.ArgumentList.Add(arg);
        }
        var holder = new RunningProcess(Process.Start(psi) ?? throw new InvalidOperationException("could not start flock"));
        var line = holder.Process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TakeLimit) || line.Result != "held")
        {
            holder.Dispose();
            throw new InvalidOperationException($"flock could not take an exclusive lock on {path} within {TakeLimit.TotalSeconds} s");
        }
        return holder;
    }
}
