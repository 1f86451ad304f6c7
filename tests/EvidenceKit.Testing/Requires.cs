namespace EvidenceKit.Testing;

/// <summary>
/// What a test needs from the machine, checked in one place. A test that cannot run here calls one of these first and
/// is reported Skipped with the reason (Xunit.SkippableFact: mark it <c>[SkippableFact]</c> or
/// <c>[SkippableTheory]</c>); it never returns early and passes.
/// </summary>
public static class Requires
{
    /// <summary>True when the tests run as root (the one way root is detected in the tests).</summary>
    public static bool IsRoot => Environment.IsPrivilegedProcess;

    /// <summary>Skips unless the tests run as root; <paramref name="why"/> says what needs root.</summary>
    public static void Root(string why) =>
        Skip.IfNot(IsRoot, $"needs root: {why} (CI runs as root)");

    /// <summary>Skips unless <paramref name="program"/> is an executable file on PATH (or an absolute path).</summary>
    public static void Program(string program, string? package = null) =>
        Skip.IfNot(FindProgram(program) is not null,
            $"{program} is not installed{(package is null ? "" : $" (apt-get install {package}; .ci/run does)")}");

    /// <summary>Skips unless this kernel knows the file system type (listed in /proc/filesystems, or loadable as a module).</summary>
    public static void FileSystemType(string type) =>
        Skip.IfNot(KernelHasFileSystem(type), $"this kernel cannot mount {type} (not in /proc/filesystems and no module for it)");

    /// <summary>Skips with <paramref name="reason"/> when <paramref name="available"/> is false (a kernel feature, a mount that failed).</summary>
    public static void Feature(bool available, string reason) => Skip.IfNot(available, reason);

    /// <summary>The full path of <paramref name="program"/> found on PATH, or null.</summary>
    public static string? FindProgram(string program)
    {
        if (Path.IsPathRooted(program))
        {
            return IsExecutable(program) ? program : null;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin"])
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file) && (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static bool KernelHasFileSystem(string type)
    {
        if (File.Exists("/proc/filesystems")
            && File.ReadLines("/proc/filesystems").Any(line => line.Split('\t', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() == type))
        {
            return true;
        }
        var release = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "";
        var dir = $"/lib/modules/{release}";
        return release.Length > 0 && Directory.Exists(dir)
            && Directory.EnumerateFiles(dir, type + ".ko*", SearchOption.AllDirectories).Any();
    }
}
