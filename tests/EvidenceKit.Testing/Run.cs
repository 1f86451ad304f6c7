using System.Diagnostics;

namespace EvidenceKit.Testing;

/// <summary>Runs real programs (the built executables, openssl, sha256sum) with a time limit.</summary>
public static class Run
{
    public static ProcessResult Tool(string fileName, IEnumerable<string> args, string? workingDirectory = null,
        IDictionary<string, string?>? environment = null, TimeSpan? timeout = null, string? stdin = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                psi.Environment[k] = v;
            }
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish in time");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// The path of one of this solution's executables (<c>evidencekit-collect</c>, <c>evidencekit-verify</c>) as users run
    /// it: the self-contained single-file binary README's publish command makes, published at most once for the current
    /// sources (<see cref="PublishedExecutables"/>). Tests run these bytes, not the build output through <c>dotnet</c>:
    /// they are what a responder copies onto a server, and their precompiled code spares every run the JIT of the
    /// application and BouncyCastle (measured 2026-12-02: about 0.7 s of CPU per analysis collect and 1.5 s per
    /// prosecution collect through <c>dotnet</c> on the build output).
    /// </summary>
    public static string ExecutablePath(string name)
    {
        if (name is not ("evidencekit-collect" or "evidencekit-verify"))
        {
            throw new ArgumentException($"{name} is not one of the solution's executables", nameof(name));
        }
        return Path.Combine(PublishedExecutables.Folder, name);
    }

    /// <summary>Runs one of this solution's executables as published (<see cref="ExecutablePath"/>).</summary>
    public static ProcessResult Executable(string name, IEnumerable<string> args, string? workingDirectory = null,
        IDictionary<string, string?>? environment = null, TimeSpan? timeout = null, string? stdin = null) =>
        Tool(ExecutablePath(name), args, workingDirectory, environment, timeout, stdin);

    /// <summary>Starts one of this solution's executables without waiting (for interruption tests); disposing the result ends its tree.</summary>
    public static RunningProcess StartExecutable(string name, IEnumerable<string> args, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(ExecutablePath(name))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        return new RunningProcess(Process.Start(psi) ?? throw new InvalidOperationException("Could not start " + name));
    }

    /// <summary>The folder holding EvidenceKit.sln.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EvidenceKit.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new DirectoryNotFoundException("EvidenceKit.sln not found above " + AppContext.BaseDirectory);
    }
}
