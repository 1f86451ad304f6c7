using System.Reflection;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Cli;

/// <summary>The running tool's name, version, and the SHA-256 of its own executable, for the manifest.</summary>
public static class ToolIdentity
{
    /// <summary>The version from the entry assembly.</summary>
    public static string Version =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>
    /// Starts <see cref="Describe"/> on a thread-pool thread, so that hashing the ~110 MB executable overlaps the
    /// caller's own start (profile, planning) on the other core; await the task before the record is needed. The hash is
    /// the same SHA-256 of the same file, read to its end, as <see cref="Describe"/> computes in line.
    /// </summary>
    public static Task<ToolRecord> DescribeInBackground(string name, IReadOnlyList<string> args) =>
        Task.Run(() => Describe(name, args));

    /// <summary>Describes the running executable; hashing it reads the binary once.</summary>
    public static ToolRecord Describe(string name, IEnumerable<string> args)
    {
        var executable = ExecutablePath();
        string? sha = null;
        try
        {
            if (executable is not null)
            {
                // Read in 1 MiB pieces: the single-file executable is about 100 MB, and 4 KiB reads cost 25,000 calls a run.
                using var stream = new FileStream(executable, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20);
                sha = Hex.Sha256(stream);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            sha = null;
        }
        return new ToolRecord
        {
            Name = name,
            Version = Version,
            Sha256 = sha,
            Executable = executable,
            CommandLine = [name, .. CommandLineRedaction.Redact(args)],
        };
    }

    private static string? ExecutablePath()
    {
        var process = Environment.ProcessPath;
        // Under 'dotnet tool.dll' the process is the dotnet host; the tool is the entry assembly.
        if (process is null || Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            var name = Assembly.GetEntryAssembly()?.GetName().Name;
            var dll = name is null ? null : Path.Combine(AppContext.BaseDirectory, name + ".dll");
            return dll is not null && File.Exists(dll) ? dll : process;
        }
        return process;
    }
}
