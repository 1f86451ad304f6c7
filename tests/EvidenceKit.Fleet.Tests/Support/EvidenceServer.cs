using EvidenceKit.Testing;

namespace EvidenceKit.Fleet.Tests.Support;

/// <summary>
/// The SFTP evidence server as the README sets it up: one account per host made by deploy/evidence-accounts.sh (no
/// shell, key login only, internal-sftp forced, each chrooted to its own folder under a root-owned base in /srv, one
/// writable upload folder), and the sshd_config block that script writes, included as it is.
/// </summary>
public sealed class EvidenceServer : IDisposable
{
    private readonly SshdProcess _sshd;
    private readonly List<string> _hosts = [];

    public EvidenceServer(string baseDir, string address)
    {
        Dir = Path.Combine(baseDir, "evidence-server");
        Directory.CreateDirectory(Dir);
        var tag = Guid.NewGuid().ToString("N")[..6];
        Base = Path.Combine("/srv", "ek-fleet-" + tag);
        Group = "ekfleet" + tag;
        Prefix = "ekt" + tag + "-";
        Keys = Path.Combine(Dir, "keys");
        HostVars = Path.Combine(baseDir, "host_vars");
        Snippet = Path.Combine(Dir, "evidencekit.conf");
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
            Include {Snippet}

            """);
        _sshd = new SshdProcess(address, config);
    }

    /// <summary>The passphrase of every evidence key: a secret that must never show.</summary>
    public string Passphrase { get; } = "pass-" + Guid.NewGuid().ToString("N");

    public string Dir { get; }

    /// <summary>The root-owned folder holding one chroot per account.</summary>
    public string Base { get; }

    public string Group { get; }

    public string Prefix { get; }

    /// <summary>The key pairs the script made (the controller's copies).</summary>
    public string Keys { get; }

    /// <summary>The host_vars folder the script writes, beside the inventory.</summary>
    public string HostVars { get; }

    public string Snippet { get; }

    public string HostKeyFingerprint { get; }

    public string Address { get; }

    public int Port { get; }

    /// <summary>
    /// Runs deploy/evidence-accounts.sh create for <paramref name="hosts"/> (as a responder would) and (re)starts sshd
    /// with the block it wrote.
    /// </summary>
    public void CreateAccounts(params string[] hosts)
    {
        var result = Run.Tool(Script, [
            "create", "--case", FleetScenario.Case, "--base", Base, "--keys", Keys, "--server", $"{Address}:{Port}",
            "--group", Group, "--prefix", Prefix, "--host-vars", HostVars, "--sshd-snippet", Snippet, .. hosts,
        ], environment: new Dictionary<string, string?> { ["EVIDENCEKIT_SSH_KEY_PASSPHRASE"] = Passphrase });
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"evidence-accounts.sh create failed: {result.StdOut}{result.StdErr}");
        }
        _hosts.AddRange(hosts);
        SshdProcess.Check(_sshd.ConfigPath);
        _sshd.Stop();
        _sshd.Start(Port);
    }

    /// <summary>
    /// Logs in to <paramref name="host"/>'s account with its own key (a passphrase-less copy, so sftp runs in batch
    /// mode), runs <c>deploy/evidence-accounts.sh lock</c> as the README prints it after a case, and logs in again.
    /// </summary>
    public (AttackAttempt Before, AttackAttempt After) LockAsDocumented(string host)
    {
        using var keys = new TempDirectory("ek-lock-");
        var key = keys.Combine("key");
        File.Copy(Key(host), key);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var strip = Run.Tool("ssh-keygen", ["-p", "-q", "-P", Passphrase, "-N", "", "-f", key], timeout: LoginLimit);
        if (strip.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen -p failed: {strip.StdOut}{strip.StdErr}");
        }
        var before = Login(host, key, "before the lock (control)", shouldWork: true);
        var locked = Run.Tool(Script, ["lock", "--case", FleetScenario.Case, "--prefix", Prefix, host], timeout: LoginLimit);
        if (locked.ExitCode != 0)
        {
            throw new InvalidOperationException($"evidence-accounts.sh lock failed: {locked.StdOut}{locked.StdErr}");
        }
        return (before, Login(host, key, "after the lock", shouldWork: false));
    }

    private static readonly TimeSpan LoginLimit = TimeSpan.FromSeconds(30);

    private AttackAttempt Login(string host, string key, string when, bool shouldWork)
    {
        var result = Batch(Account(host), "ls /upload", ["-i", key, "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none"]);
        return new AttackAttempt($"{host} logs in to its own account {when}", shouldWork, result.ExitCode, result.StdOut + result.StdErr);
    }

    /// <summary>
    /// One sftp batch of one command as <paramref name="account"/>, logging in with <paramref name="identity"/> (sftp
    /// options naming a key or an agent), never asking, never trusting or remembering a host key, bounded in time.
    /// </summary>
    public ProcessResult Batch(string account, string command, IEnumerable<string> identity) =>
        Run.Tool("sftp", [
            "-b", "-", "-P", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. identity,
            "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-o", "ControlPath=none", "-o", "ConnectTimeout=15",
            $"{account}@{Address}",
        ], stdin: command + "\n", timeout: LoginLimit);

    public static string Script => Path.Combine(Run.RepositoryRoot(), "deploy", "evidence-accounts.sh");

    /// <summary>The account the script made for <paramref name="host"/>.</summary>
    public string Account(string host) => Prefix + host.ToLowerInvariant();

    /// <summary>The private key the script made for <paramref name="host"/>'s account.</summary>
    public string Key(string host) => Path.Combine(Keys, Account(host));

    /// <summary><paramref name="host"/>'s upload folder as seen on this machine (inside its chroot).</summary>
    public string Upload(string host) => Path.Combine(Base, Account(host), "upload");

    /// <summary>The sftp URI of <paramref name="host"/>'s account.</summary>
    public string TargetUri(string host) => $"sftp://{Account(host)}@{Address}:{Port}/upload";

    public void Dispose()
    {
        _sshd.Dispose();
        if (_hosts.Count > 0)
        {
            Run.Tool(Script, ["delete", "--case", FleetScenario.Case, "--prefix", Prefix, .. _hosts]);
        }
        Run.Tool("groupdel", [Group]);
        try
        {
            Directory.Delete(Base, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
