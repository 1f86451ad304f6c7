using System.Globalization;
using System.Runtime.InteropServices;

namespace EvidenceKit.Platform.Linux;

/// <summary>
/// Runs the whole process at the lowest CPU priority (nice 19) and in the idle I/O class (--low-priority), so a
/// collection on a production server takes only what the server leaves unused. On Linux both are per thread: a
/// setpriority or ioprio_set naming the process id changes only its main thread. So every thread that exists is set
/// by its id from /proc/self/task, again until a pass finds no new one; threads started later inherit both from the
/// thread that starts them.
/// </summary>
public static class LowPriority
{
    private const int MaxPasses = 16;

    /// <summary>Lowers every thread of this process.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux.</exception>
    /// <exception cref="IOException">The kernel refused (the message names the call and the reason).</exception>
    public static void Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("--low-priority works on Linux only");
        }
        const int idle = LinuxNative.IOPRIO_CLASS_IDLE << LinuxNative.IOPRIO_CLASS_SHIFT;
        var done = new HashSet<int>();
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var fresh = Threads().Where(done.Add).ToList();
            if (fresh.Count == 0)
            {
                return;
            }
            foreach (var tid in fresh)
            {
                if (LinuxNative.SetPriority(LinuxNative.PRIO_PROCESS, (uint)tid, LinuxNative.LowestNice) != 0)
                {
                    Refused("setpriority", tid);
                }
                if (LinuxNative.IoprioSet(LinuxNative.IOPRIO_WHO_PROCESS, tid, idle) != 0)
                {
                    Refused("ioprio_set", tid);
                }
            }
        }
    }

    private static IEnumerable<int> Threads()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var tid))
            {
                yield return tid;
            }
        }
    }

    private static void Refused(string call, int tid)
    {
        var errno = Marshal.GetLastPInvokeError();
        // ESRCH: the thread ended between the listing and the call; nothing left to lower.
        if (errno != 3)
        {
            throw new IOException($"{call} for thread {tid} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
    }
}
