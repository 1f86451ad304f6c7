using EvidenceKit.Targets.Sftp;

namespace EvidenceKit.Testing;

/// <summary>
/// A real OpenSSH server for one test class: a fresh host key and client key in a temporary directory, sshd
/// listening on 127.0.0.1 on a port picked here, sftp through internal-sftp, key-only login as the current user.
/// </summary>
public class SshdFixture : IDisposable
{
    private const string Sshd = "/usr/sbin/sshd";
    private readonly SshdProcess? _sshd;

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
            SshdProcess.Check(ConfigPath);
            _sshd = new SshdProcess("127.0.0.1", ConfigPath);
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

    public bool IsRunning => _sshd?.IsRunning == true;

    /// <summary>Everything sshd wrote to stderr so far.</summary>
    public string Log => _sshd?.Log ?? "";

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

    public void Start() => _sshd!.Start(Port);

    /// <summary>Kills sshd and every session process it forked, so open connections drop at once.</summary>
    public void Stop() => _sshd?.Stop();

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
}
