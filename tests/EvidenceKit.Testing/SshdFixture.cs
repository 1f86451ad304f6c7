using EvidenceKit.Targets.Sftp;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EvidenceKit.Testing;

/// <summary>
/// A real OpenSSH server for one test class: a fresh host key and client key in a temporary directory, sshd
/// listening on 127.0.0.1 on a port picked here, sftp through internal-sftp, key-only login as the current user.
/// </summary>
public class SshdFixture : IDisposable
{
    private const string Sshd = "/usr/sbin/sshd";
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(10);
    private readonly ConcurrentQueue<string> _log = new();
    private Process? _sshd;

    public SshdFixture()
        : this("ed25519")
    {
    }

    protected SshdFixture(string hostKeyType)
    {
        if (!File.Exists(Sshd))
            throw new InvalidOperationException(
                $"{Sshd} is missing: these tests need a real OpenSSH server; install it with 'apt-get install -y openssh-server openssh-client'.");
        Directory.CreateDirectory("/run/sshd");
        Dir = Directory.CreateTempSubdirectory("ek-sshd-").FullName;
        try
        {
            Root = Path.Combine(Dir, "sftp-root");
            Directory.CreateDirectory(Root);
            HostKeyPath = SshTool.NewKey(Path.Combine(Dir, "host_key"), hostKeyType);
            HostKeyFingerprint = SshTool.Fingerprint(HostKeyPath + ".pub");
            ClientKeyPath = SshTool.NewKey(Path.Combine(Dir, "client_key"));
            File.Copy(ClientKeyPath + ".pub", Path.Combine(Dir, "authorized_keys"));
            Port = LoopbackPort.Free();
            ConfigPath = Path.Combine(Dir, "sshd_config");
            File.WriteAllText(ConfigPath, $"""
                ListenAddress 127.0.0.1
                Port {Port}
                HostKey {HostKeyPath}
                AuthorizedKeysFile {Path.Combine(Dir, "authorized_keys")}
                PubkeyAuthentication yes
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PermitRootLogin prohibit-password
                StrictModes no
                UsePAM no
                PidFile {Path.Combine(Dir, "sshd.pid")}
                Subsystem sftp internal-sftp
                LogLevel VERBOSE

                """);
            var (code, stdout, stderr) = SshTool.Run(Sshd, "-t", "-f", ConfigPath);
            if (code != 0)
                throw new InvalidOperationException($"sshd -t rejected the test configuration: {stderr}{stdout}");
            Start();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Dir { get; }

    /// <summary>The directory the tests use as the store root (absolute on the server, which is this machine).</summary>
    public string Root { get; }

    public string HostKeyPath { get; }

    /// <summary>What ssh-keygen -lf prints for the host key: "SHA256:...".</summary>
    public string HostKeyFingerprint { get; }

    public string ClientKeyPath { get; }

    public string ConfigPath { get; }

    public int Port { get; }

    public string User { get; } = Environment.UserName;

    public bool IsRunning => _sshd is { HasExited: false };

    /// <summary>Everything sshd wrote to stderr so far.</summary>
    public string Log => string.Join('\n', _log);

    public SftpConnectOptions Options(string? path = null) =>
        new(SftpTargetUri.Parse($"sftp://{User}@127.0.0.1:{Port}{path ?? Root}"))
        {
            PrivateKeyFile = ClientKeyPath,
            HostKeyFingerprint = HostKeyFingerprint,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            OperationTimeout = TimeSpan.FromSeconds(20),
            RetryCount = 3,
            RetryBackoffBase = TimeSpan.FromMilliseconds(100),
            RetryBackoffMax = TimeSpan.FromSeconds(1),
            ReconnectTimeLimit = TimeSpan.FromSeconds(20),
        };

    public void Start()
    {
        if (IsRunning)
            return;
        var start = new ProcessStartInfo(Sshd)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-D", "-e", "-f", ConfigPath })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("sshd did not start");
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _sshd = process;

        var clock = Stopwatch.StartNew();
        while (!AcceptsConnections())
        {
            if (process.HasExited || clock.Elapsed > StartLimit)
            {
                Stop();
                throw new InvalidOperationException($"sshd did not listen on 127.0.0.1:{Port} within {StartLimit.TotalSeconds} s: {Log}");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>Kills sshd and every session process it forked, so open connections drop at once.</summary>
    public void Stop()
    {
        if (_sshd is null)
            return;
        ProcessTree.Kill(_sshd);
        _sshd.Dispose();
        _sshd = null;
    }

    public void Restart()
    {
        Stop();
        Start();
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp dir must not fail the run.
        }

        GC.SuppressFinalize(this);
    }

    private bool AcceptsConnections()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
