using System.Diagnostics;
using System.Globalization;

namespace EvidenceKit.Testing;

/// <summary>
/// Ends a process a test started together with everything it forked. A daemon's master (nginx, Apache) first gets its
/// own stop signal so it stops its workers itself; then whatever of the tree is still alive is killed, and the call
/// waits (bounded) until every process of the tree is gone. Without this an nginx worker outlived its killed master
/// and kept listening on 127.0.0.1 after the run.
/// </summary>
public static class ProcessTree
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Sends <paramref name="signal"/> (a name for kill(1): TERM, QUIT, INT) to <paramref name="process"/>, waits for it
    /// and its descendants to end, then kills any that are left. Safe to call on a process that already ended.
    /// </summary>
    public static void Stop(Process process, string signal = "TERM")
    {
        if (Tree(process) is not { } found)
        {
            return;
        }
        var (pid, tree) = found;
        Run.Tool("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        if (!process.WaitForExit(Grace))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(Grace);
        }
        EndAll(tree, pid, Grace);
    }

    /// <summary>Kills <paramref name="process"/> and its whole tree at once (SIGKILL) and waits until all of it is gone.</summary>
    public static void Kill(Process process)
    {
        if (Tree(process) is not { } found)
        {
            return;
        }
        var (pid, tree) = found;
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended between the check and the kill.
        }
        process.WaitForExit(Grace);
        EndAll(tree, pid, TimeSpan.FromSeconds(1));
    }

    /// <summary>The process's id and its tree (itself first), or null when it has ended or was never started.</summary>
    private static (int Pid, List<int> Tree)? Tree(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            return process.HasExited ? null : (process.Id, Descendants(process.Id).Prepend(process.Id).ToList());
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static void EndAll(IReadOnlyList<int> tree, int pid, TimeSpan grace)
    {
        var clock = Stopwatch.StartNew();
        while (tree.Any(IsAlive) && clock.Elapsed < grace)
        {
            Thread.Sleep(20);
        }
        foreach (var left in tree.Where(IsAlive))
        {
            Run.Tool("kill", ["-KILL", left.ToString(CultureInfo.InvariantCulture)]);
        }
        clock.Restart();
        while (tree.Any(IsAlive) && clock.Elapsed < Grace)
        {
            Thread.Sleep(20);
        }
        var survivors = tree.Where(IsAlive).ToList();
        if (survivors.Count > 0)
        {
            throw new InvalidOperationException($"processes {string.Join(", ", survivors)} of the tree of {pid} are still alive after SIGKILL");
        }
    }

    /// <summary>Every live descendant of <paramref name="pid"/> (children, their children, ...), from /proc.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var found = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.Count > 0 && found.Count < 10_000)
        {
            var parent = queue.Dequeue();
            foreach (var child in Children(parent))
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }
        return found;
    }

    private static IEnumerable<int> Children(int pid)
    {
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
        {
            return [];
        }
        var children = new List<int>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories(tasks))
            {
                var text = File.ReadAllText(Path.Combine(task, "children"));
                children.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => int.Parse(t, CultureInfo.InvariantCulture)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended while we looked.
        }
        return children.Distinct();
    }

    /// <summary>True while <paramref name="pid"/> exists and is not a zombie waiting for its parent.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
