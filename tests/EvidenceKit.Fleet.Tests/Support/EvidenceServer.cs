using EvidenceKit.Testing;

namespace EvidenceKit.Fleet.Tests.Support;

/// <summary>
/// The SFTP evidence server as the README sets it up: a dedicated account without a shell, chrooted (the chroot is
/// root-owned, so it lives under /srv rather than the world-writable /tmp), internal-sftp forced, key login only,
/// one writable upload folder. Only the collector and the controller's sftp log in here.
/// </summary>
public sealed class EvidenceServer : IDisposable
{
    public const string Account = "ekfleet-test";
    private readonly SshdProcess _sshd;

    public EvidenceServer(string baseDir, string address)
    {
        Dir = Path.Combine(baseDir, "evidence-server");
        Directory.CreateDirectory(Dir);
        Chroot = Path.Combine("/srv", "ek-fleet-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(Chroot, ".ssh"));
        File.SetUnixFileMode(Chroot, (UnixFileMode)Convert.ToInt32("755", 8));
        if (SshTool.Run("id", Account).ExitCode != 0)
        {
            SshTool.RunOk("useradd", "--system", "--shell", "/usr/sbin/nologin", "--home-dir", "/nonexistent", "--no-create-home", Account);
        }
        // An unlocked account without a password: sshd without PAM refuses locked accounts even for key logins.
        SshTool.RunOk("usermod", "-p", "*", Account);
        Upload = Path.Combine(Chroot, "upload");
        SshTool.RunOk("install", "-d", "-o", Account, "-m", "0750", Upload);
        ClientKey = SshTool.NewKey(Path.Combine(Dir, "evidence_key"), passphrase: Passphrase);
        File.Copy(ClientKey + ".pub", Path.Combine(Chroot, ".ssh", "authorized_keys"));
        var hostKey = SshTool.NewKey(Path.Combine(Dir, "host_key"));
        HostKeyFingerprint = SshTool.Fingerprint(hostKey + ".pub");
        Address = address;
        Port = SshdProcess.FreePort();
        var config = Path.Combine(Dir, "sshd_config");
        File.WriteAllText(config, $"""
            ListenAddress {address}
            Port {Port}
            HostKey {hostKey}
            PidFile {Path.Combine(Dir, "sshd.pid")}
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin no
            Subsystem sftp internal-sftp
            Match User {Account}
                ChrootDirectory {Chroot}
                ForceCommand internal-sftp -u 0027
                AuthorizedKeysFile {Path.Combine(Chroot, ".ssh", "authorized_keys")}
                AuthenticationMethods publickey
                PubkeyAuthentication yes
                PermitTTY no
                AllowTcpForwarding no
                AllowAgentForwarding no
                AllowStreamLocalForwarding no
                X11Forwarding no
                PermitTunnel no

            """);
        SshdProcess.Check(config);
        _sshd = new SshdProcess(address, config);
        _sshd.Start(Port);
    }

    /// <summary>The passphrase of the evidence account's key: a secret that must never show.</summary>
    public string Passphrase { get; } = "pass-" + Guid.NewGuid().ToString("N");

    public string Dir { get; }

    public string Chroot { get; }

    /// <summary>The upload folder as seen on this machine (inside the chroot).</summary>
    public string Upload { get; }

    public string ClientKey { get; }

    public string HostKeyFingerprint { get; }

    public string Address { get; }

    public int Port { get; }

    public string TargetUri => $"sftp://{Account}@{Address}:{Port}/upload";

    public void Dispose()
    {
        _sshd.Dispose();
        try
        {
            Directory.Delete(Chroot, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
