using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
namespace EvidenceKit.Testing;

/// <summary>
/// One real OpenSSH server in the foreground on a loopback address, with the configuration it is given: started,
/// waited for until it accepts connections, and ended with every session it forked. The one way the tests run sshd
/// (<see cref="SshdFixture"/> and the fleet tests' hosts and evidence server).
/// </summary>
public sealed class SshdProcess : IDisposable
{
    private const string Sshd = "/usr/sbin/sshd";
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(20);
    private readonly ConcurrentQueue<string> _log = new();
    private Process? _process;

    /// <param name="address">The loopback address it listens on.</param>
    /// <param name="configPath">Its sshd_config.</param>
    /// <param name="hostname">When given, sshd runs in its own UTS namespace with this host name, so every session
    /// (and what it runs) sees a host of that name, as on a separate machine.</param>
    public SshdProcess(string address, string configPath, string? hostname = null)
    {
        Address = address;
        ConfigPath = configPath;
        Hostname = hostname;
    }

    public string? Hostname { get; }

    public string Address { get; }

    public string ConfigPath { get; }

    public string Log => string.Join('\n', _log);

    /// <summary>True while sshd runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>A free port on 127.0.0.1 is free on the whole 127/8 for our purposes (nothing else binds there).</summary>
    public static int FreePort() => LoopbackPort.Free();

    public static void Check(string configPath)
    {
        Directory.CreateDirectory("/run/sshd");
        var (code, stdout, stderr) = SshTool.Run(Sshd, "-t", "-f", configPath);
        if (code != 0)
        {
            throw new InvalidOperationException($"sshd -t rejected {configPath}: {stderr}{stdout}");
        }
    }

    public void Start(int port)
    {
        if (_process is { HasExited: false })
        {
            return;
        }
        var start = new ProcessStartInfo(Hostname is null ? Sshd : "unshare") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        string[] own = Hostname is null ? [] : ["--uts", "/bin/sh", "-c", "hostname \"$0\" && exec \"$@\"", Hostname, Sshd];
        foreach (var argument in own.Concat(["-D", "-e", "-f", ConfigPath]))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("sshd did not start");
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;
        var clock = Stopwatch.StartNew();
        while (!Accepts(port))
        {
            if (process.HasExited || clock.Elapsed > StartLimit)
            {
                Stop();
                throw new InvalidOperationException($"sshd did not listen on {Address}:{port}: {Log}");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>Kills sshd and every session it forked.</summary>
    public void Stop()
    {
        if (_process is null)
        {
            return;
        }
        ProcessTree.Kill(_process);
        _process.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();

    private bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Parse(Address), port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
