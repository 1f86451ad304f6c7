using System.Diagnostics;

namespace EvidenceKit.Testing;

/// <summary>
/// A real OpenSSH ssh-agent in the foreground (-D) on a socket in its own temporary directory; keys are added with
/// the real ssh-add. Disposing kills the agent and removes the directory.
/// </summary>
public sealed class SshAgentProcess : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(10);
    private readonly Process _agent;

    public SshAgentProcess()
    {
        Dir = Directory.CreateTempSubdirectory("ek-agent-").FullName;
        SocketPath = Path.Combine(Dir, "agent.sock");
        var start = new ProcessStartInfo("ssh-agent")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-D", "-a", SocketPath })
            start.ArgumentList.Add(argument);
        _agent = Process.Start(start) ?? throw new InvalidOperationException("ssh-agent did not start");
        _agent.OutputDataReceived += (_, _) => { };
        _agent.ErrorDataReceived += (_, _) => { };
        _agent.BeginOutputReadLine();
        _agent.BeginErrorReadLine();

        var clock = Stopwatch.StartNew();
        while (!File.Exists(SocketPath))
        {
            if (_agent.HasExited || clock.Elapsed > StartLimit)
            {
                Dispose();
                throw new InvalidOperationException($"ssh-agent did not create {SocketPath} within {StartLimit.TotalSeconds} s.");
            }
            Thread.Sleep(20);
        }
    }

    public string Dir { get; }

    /// <summary>What SSH_AUTH_SOCK would name for this agent.</summary>
    public string SocketPath { get; }

    /// <summary>Adds a private key file with the real ssh-add, talking to this agent only.</summary>
    public void Add(string privateKeyPath)
    {
        var start = new ProcessStartInfo("ssh-add")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(privateKeyPath);
        start.Environment["SSH_AUTH_SOCK"] = SocketPath;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ssh-add did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ssh-add {privateKeyPath} did not finish within 30 s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ssh-add {privateKeyPath} exited {process.ExitCode}: {stderr.Result}{stdout.Result}");
    }

    /// <summary>Makes a fresh key pair in the agent's directory (not authorized anywhere) and returns its private key path.</summary>
    public string NewKey(string name, string type = "ed25519") => SshTool.NewKey(Path.Combine(Dir, name), type);

    public void Dispose()
    {
        ProcessTree.Kill(_agent);
        _agent.Dispose();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp dir must not fail the run.
        }
    }
}
