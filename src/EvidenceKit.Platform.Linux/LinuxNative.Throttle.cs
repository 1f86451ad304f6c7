using System.Runtime.InteropServices;

namespace EvidenceKit.Platform.Linux;

/// <summary>The calls that make the collector yield to a production server's own work: CPU nice and I/O class.</summary>
internal static partial class LinuxNative
{
    public const int PRIO_PROCESS = 0;
    public const int IOPRIO_WHO_PROCESS = 1;
    public const int IOPRIO_CLASS_IDLE = 3;
    public const int IOPRIO_CLASS_SHIFT = 13;
    public const int LowestNice = 19;

    /// <summary>setpriority(2). On Linux, PRIO_PROCESS with a thread id sets that one thread's nice value.</summary>
    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    public static partial int SetPriority(int which, uint who, int priority);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, int which, int who, int ioprio);

    /// <summary>ioprio_set(2) (glibc has no wrapper). IOPRIO_WHO_PROCESS with a thread id sets that one thread.</summary>
    public static int IoprioSet(int which, int who, int ioprio) => (int)Syscall(IoprioSetNumber, which, who, ioprio);

    /// <summary>The syscall number of ioprio_set: 251 on x86-64, 30 on arm64.</summary>
    private static long IoprioSetNumber => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 251,
        Architecture.Arm64 => 30,
        _ => throw new PlatformNotSupportedException($"ioprio_set is not known on {RuntimeInformation.ProcessArchitecture}"),
    };
}
