using EvidenceKit.Testing;

namespace EvidenceKit.Fleet.Tests.Support;

/// <summary>
/// One fleet "host": an sshd on its own loopback address, in its own UTS namespace named after the host (so its
/// collector records that host name), with its own host key, root login with the controller's
/// key, its own log tree (given to the collector as evidencekit_root) and its own temp area (evidencekit_temp_dir).
/// </summary>
public sealed class FleetHost : IDisposable
{
    private readonly SshdProcess _sshd;

    public FleetHost(string baseDir, string name, string address, string clientPublicKey)
    {
        Name = name;
        Address = address;
        Dir = Path.Combine(baseDir, name);
        Root = Path.Combine(Dir, "root");
        TempArea = Path.Combine(Dir, "tmp");
        Directory.CreateDirectory(TempArea);
        Marker = $"only-on-{name}-{Guid.NewGuid():N}";
        Write("etc/os-release", $"PRETTY_NAME=\"Fleet test {name}\"\nID=debian\n");
        Write("var/log/syslog", $"Dec  2 01:00:00 {name} sshd[1]: {Marker} syslog\n");
        Write("var/log/auth.log", $"Dec  2 01:00:01 {name} sudo: {Marker} auth\n");
        // The sshd's own files are the test's, not the host's disk: they stay outside Dir.
        var sshdDir = Path.Combine(baseDir, "sshd-" + name);
        Directory.CreateDirectory(sshdDir);
        var hostKey = SshTool.NewKey(Path.Combine(sshdDir, "host_key"));
        HostPublicKey = File.ReadAllText(hostKey + ".pub").Trim();
        Port = SshdProcess.FreePort();
        var config = Path.Combine(sshdDir, "sshd_config");
        File.WriteAllText(config, $"""
            ListenAddress {address}
            Port {Port}
            HostKey {hostKey}
            AuthorizedKeysFile {clientPublicKey}
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            AllowAgentForwarding yes
            StrictModes no
            UsePAM no
            PidFile {Path.Combine(sshdDir, "sshd.pid")}
            Subsystem sftp internal-sftp

            """);
        SshdProcess.Check(config);
        _sshd = new SshdProcess(address, config, hostname: name);
        _sshd.Start(Port);
    }

    public string Name { get; }

    public string Address { get; }

    /// <summary>The host's disk as far as the tests are concerned: its log tree and its temp area.</summary>
    public string Dir { get; }

    /// <summary>The host's log tree (evidencekit_root).</summary>
    public string Root { get; }

    /// <summary>The host's temp area (evidencekit_temp_dir).</summary>
    public string TempArea { get; }

    /// <summary>A text only this host's logs hold.</summary>
    public string Marker { get; }

    public string HostPublicKey { get; }

    public int Port { get; }

    public void Stop() => _sshd.Stop();

    public void Start() => _sshd.Start(Port);

    public string Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => _sshd.Dispose();
}
