using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EvidenceKit.Testing;

namespace EvidenceKit.Fleet.Tests.Support;

/// <summary>
/// The fleet scenario, played once for all fleet tests (it is slow): three hosts and an evidence server, driven by
/// the real collect.yml through Debian's ansible-playbook, each host with its own evidence account made by
/// deploy/evidence-accounts.sh. Run 1 with web13's sshd stopped; run 2 with web13 back, root on web13 attacking the
/// other hosts' bundles with the agent forwarded to it, then its collector killed mid-copy; run 3 resumes it; run 4 has
/// nothing to do. Then web11 and web12 pointed at one shared account: run 5 is refused, run 6 (opted in, prosecution,
/// one signing key per host) collects. Last, web11's account is locked as the README says to after a case. Every run's output, summary and the evidence server's entries afterwards are
/// kept for the tests to judge.
/// </summary>
public sealed class FleetScenario : IDisposable
{
    public const string Case = "IR-FLEET-7";
    private static readonly TimeSpan PlaybookLimit = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan KillLimit = TimeSpan.FromMinutes(4);
    private readonly TempDirectory _dir = new("ek-fleet-");
    private readonly List<FleetHost> _hosts = [];

    public FleetScenario()
    {
        SkipReason = Missing();
        if (SkipReason is not null)
        {
            return;
        }
        try
        {
            Binaries = new PublishedBinaries();
            ControllerKey = SshTool.NewKey(_dir.Combine("controller_key"));
            foreach (var (name, address) in new[] { ("web11", "127.0.0.11"), ("web12", "127.0.0.12"), ("web13", "127.0.0.13") })
            {
                _hosts.Add(new FleetHost(_dir.Path, name, address, ControllerKey + ".pub"));
            }
            Server = new EvidenceServer(_dir.Path, "127.0.0.14");
            Server.CreateAccounts([.. _hosts.Select(h => h.Name), SharedAccountName]);
            Pki = new TestPki();
            File.WriteAllLines(_dir.Combine("known_hosts"), _hosts.Select(h => $"[{h.Address}]:{h.Port} {h.HostPublicKey}"));
            WriteInventory();
            WriteSharedInventory(allow: false);
            Directory.CreateDirectory(ControllerTemp);
            Play();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Why the scenario cannot run here, or null.</summary>
    public string? SkipReason { get; }

    public PublishedBinaries? Binaries { get; }

    /// <summary>The per-host signing keys of run 6: web11 signs with Examiner, web12 with Unrelated.</summary>
    public TestPki? Pki { get; }

    /// <summary>The one account web11 and web12 share in runs 5 and 6.</summary>
    public const string SharedAccountName = "shared";

    /// <summary>What root on web13 tried, with the agent forwarded to web13, while its collector ran (run 2).</summary>
    public List<AttackAttempt> AttackFromWeb13 { get; } = [];

    /// <summary>The keys the agent forwarded to web13 offered (ssh-add -l), while its collector ran.</summary>
    public string StolenAgentKeys { get; private set; } = "";

    public EvidenceServer? Server { get; }

    public string ControllerKey { get; } = "";

    public IReadOnlyList<FleetHost> Hosts => _hosts;

    public FleetHost Host(string name) => _hosts.Single(h => h.Name == name);

    /// <summary>The sealed bundle of <paramref name="host"/> in its own account (or in <paramref name="account"/>'s).</summary>
    public string SealedBundle(string host, string? account = null) =>
        Directory.EnumerateDirectories(Path.Combine(Server!.Upload(account ?? host), host)).Single(d => !d.EndsWith(".partial", StringComparison.Ordinal));

    public string SummaryDir => _dir.Combine("summary");

    public string SharedSummaryDir => _dir.Combine("shared", "summary");

    /// <summary>The controller's TMPDIR during the runs.</summary>
    public string ControllerTemp => _dir.Combine("controller-tmp");

    /// <summary>Run 1: web13's sshd stopped. Run 2: web13 back, its collector killed mid-copy. Run 3: resumed. Run 4: nothing to do.</summary>
    public List<PlaybookRun> Runs { get; } = [];

    /// <summary>Whether the killer found web13's collector with a resumable .partial and killed it during run 2.</summary>
    public bool KilledMidRun { get; private set; }

    /// <summary>The temp areas' entries after each run, by host.</summary>
    public List<Dictionary<string, string[]>> TempAreasAfterRun { get; } = [];

    /// <summary>ssh-agent and ssh processes of the runs' private folders still alive after each run.</summary>
    public List<string[]> LeftoverProcessesAfterRun { get; } = [];

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
        Server?.Dispose();
        Pki?.Dispose();
        _dir.Dispose();
    }

    private void Play()
    {
        var web13 = Host("web13");
        web13.Stop();
        Runs.Add(RunPlaybook());
        web13.Start();
        // A large log only on web13, so its collection is still copying when it is killed.
        using (var big = File.Create(Path.Combine(web13.Root, "var/log/big.log")))
        {
            big.SetLength(384L * 1024 * 1024);
        }
        using (var killer = new CancellationTokenSource())
        {
            var kill = Task.Run(() => KillCollectorOnce(web13, killer.Token));
            Runs.Add(RunPlaybook());
            killer.Cancel();
            KilledMidRun = kill.GetAwaiter().GetResult();
        }
        Runs.Add(RunPlaybook());
        Runs.Add(RunPlaybook());
        Runs.Add(RunPlaybook(_dir.Combine("shared", "inventory.yml"), SharedSummaryDir));
        WriteSharedInventory(allow: true);
        Runs.Add(RunPlaybook(_dir.Combine("shared", "inventory.yml"), SharedSummaryDir));
        LoginsAroundLock = Server!.LockAsDocumented("web11");
    }

    /// <summary>web11's own key logging in to its account just before and just after the documented lock (run after the last run).</summary>
    public (AttackAttempt Before, AttackAttempt After) LoginsAroundLock { get; private set; }

    private PlaybookRun RunPlaybook() => RunPlaybook(_dir.Combine("inventory.yml"), SummaryDir);

    private PlaybookRun RunPlaybook(string inventory, string summaryDir)
    {
        var clock = Stopwatch.StartNew();
        var playbook = Path.Combine(Run.RepositoryRoot(), "deploy", "ansible", "collect.yml");
        var result = Run.Tool("ansible-playbook", ["-i", inventory, playbook, "-f", "25"], _dir.Path, new Dictionary<string, string?>
        {
            ["EVIDENCEKIT_SSH_KEY_PASSPHRASE"] = Server!.Passphrase,
            ["EVIDENCEKIT_KEY_PASSPHRASE"] = TestPki.Passphrase,
            ["ANSIBLE_NOCOLOR"] = "1",
            ["ANSIBLE_FORCE_COLOR"] = "0",
            ["ANSIBLE_LOCAL_TEMP"] = _dir.Combine("ansible-local"),
            ["ANSIBLE_RETRY_FILES_ENABLED"] = "0",
            ["ANSIBLE_PYTHON_INTERPRETER"] = "/usr/bin/python3",
            // The controller's private run folder (ekf-XXXX) lands here, so its processes can be told from anyone else's.
            ["TMPDIR"] = ControllerTemp,
        }, PlaybookLimit);
        clock.Stop();
        var summaryPath = Path.Combine(summaryDir, "fleet-summary.json");
        var summary = File.Exists(summaryPath) ? JsonDocument.Parse(File.ReadAllText(summaryPath)) : null;
        if (File.Exists(summaryPath))
        {
            File.Move(summaryPath, summaryPath + $".run{Runs.Count + 1}");
        }
        if (Environment.GetEnvironmentVariable("EVIDENCEKIT_FLEET_TIMINGS") is { Length: > 0 } timings)
        {
            // For the closing note's figures: each run's wall time, appended to the file the caller named.
            File.AppendAllText(timings, $"run {Runs.Count + 1} ({Path.GetRelativePath(_dir.Path, inventory)}): {clock.Elapsed.TotalSeconds:F1} s, exit {result.ExitCode}\n");
        }
        TempAreasAfterRun.Add(_hosts.ToDictionary(h => h.Name, h => Directory.GetFileSystemEntries(h.TempArea)));
        LeftoverProcessesAfterRun.Add(RunProcesses());
        return new PlaybookRun(result.ExitCode, result.StdOut + result.StdErr, clock.Elapsed, summary, ServerEntries());
    }

    /// <summary>
    /// Every entry in every account's upload folder on the evidence server ("web13/NAME/..." for web13's own account,
    /// "shared:web11/..." for the shared one) with its modification time, to tell whether a run wrote anything.
    /// </summary>
    public IReadOnlyList<string> ServerEntries() =>
        _hosts.Select(h => (Prefix: "", h.Name)).Append((Prefix: SharedAccountName + ":", Name: SharedAccountName))
            .SelectMany(a => Directory.EnumerateFileSystemEntries(Server!.Upload(a.Name), "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Select(p => $"{a.Prefix}{Path.GetRelativePath(Server.Upload(a.Name), p)} {new FileInfo(p).LastWriteTimeUtc.Ticks}"))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Waits (bounded) until web13's .partial is resumable and mid-copy and its collector runs, then SIGKILLs that collector.</summary>
    private bool KillCollectorOnce(FleetHost host, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var folder = Path.Combine(Server!.Upload(host.Name), host.Name);
        while (!stop.IsCancellationRequested && clock.Elapsed < KillLimit)
        {
            // Resumable and mid-copy: resume.json written in full and copying under way (the big log takes a while).
            var resumable = Directory.Exists(folder)
                && Directory.EnumerateDirectories(folder, "*.partial").Any(p => Written(Path.Combine(p, "resume.json")) && Copying(Path.Combine(p, "data")));
            var pid = resumable ? CollectorPid(host.TempArea) : null;
            if (pid is { } id)
            {
                (StolenAgentKeys, var attempts) = HostAttacker.Attack(id, host, Server, _hosts.Where(h => h.Name != host.Name));
                AttackFromWeb13.AddRange(attempts);
                using var process = Process.GetProcessById(id);
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(10));
                return true;
            }
            Thread.Sleep(20);
        }
        return false;
    }

    private static bool Written(string path) => File.Exists(path) && new FileInfo(path).Length > 0 && File.ReadAllText(path).EndsWith('\n');

    private static bool Copying(string data) =>
        Directory.Exists(data) && Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Any(f => new FileInfo(f).Length > 0);

    private static int? CollectorPid(string tempArea)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var argv0 = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0')[0];
                if (argv0.StartsWith(tempArea + "/", StringComparison.Ordinal) && argv0.EndsWith("/evidencekit-collect", StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }
        return null;
    }

    /// <summary>ssh-agent and ssh processes whose command line names this scenario's run folders (ekf-XXXX) on the controller.</summary>
    private string[] RunProcesses()
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
            {
                continue;
            }
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                var program = cmdline.Split(' ')[0];
                // A connection master renames itself "ssh: PATH [mux]".
                if (Path.GetFileName(program).StartsWith("ssh", StringComparison.Ordinal)
                    && cmdline.Contains(ControllerTemp + "/ekf-", StringComparison.Ordinal))
                {
                    found.Add(cmdline);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }
        return [.. found];
    }

    private void WriteInventory()
    {
        var inventory = new StringBuilder();
        inventory.AppendLine("all:");
        inventory.AppendLine("  vars:");
        inventory.AppendLine($"    evidencekit_case: {Case}");
        inventory.AppendLine("    evidencekit_profile: auto");
        inventory.AppendLine($"    evidencekit_collect_binary: {Binaries!.Collector}");
        // Each host's evidencekit_target and evidencekit_target_ssh_key come from host_vars/, as deploy/evidence-accounts.sh wrote them.
        inventory.AppendLine($"    evidencekit_target_host_key_fingerprint: \"{Server!.HostKeyFingerprint}\"");
        inventory.AppendLine($"    evidencekit_summary_dir: {SummaryDir}");
        inventory.AppendLine("    ansible_user: root");
        inventory.AppendLine($"    ansible_ssh_private_key_file: {ControllerKey}");
        inventory.AppendLine($"    ansible_ssh_common_args: -o UserKnownHostsFile={_dir.Combine("known_hosts")} -o StrictHostKeyChecking=yes -o IdentityAgent=none");
        inventory.AppendLine("  hosts:");
        foreach (var host in _hosts)
        {
            inventory.AppendLine($"    {host.Name}:");
            inventory.AppendLine($"      ansible_host: {host.Address}");
            inventory.AppendLine($"      ansible_port: {host.Port}");
            inventory.AppendLine($"      evidencekit_root: {host.Root}");
            inventory.AppendLine($"      evidencekit_temp_dir: {host.TempArea}");
            if (host.Name == "web13")
            {
                // Slow enough that root on web13 has time to attack while its collector runs (run 2; a resume takes no extra arguments).
                inventory.AppendLine("      evidencekit_extra_args: ['--max-rate', '8MiB/s']");
            }
        }
        File.WriteAllText(_dir.Combine("inventory.yml"), inventory.ToString());
    }

    /// <summary>
    /// web11 and web12 both pointed at one account (a folder without host_vars, so nothing else sets their target), in
    /// prosecution with one signing key per host, each bundle trusted only with its own host's certificate.
    /// </summary>
    private void WriteSharedInventory(bool allow)
    {
        Directory.CreateDirectory(_dir.Combine("shared"));
        var inventory = new StringBuilder();
        inventory.AppendLine("all:");
        inventory.AppendLine("  vars:");
        inventory.AppendLine($"    evidencekit_case: {Case}");
        inventory.AppendLine("    evidencekit_mode: prosecution");
        inventory.AppendLine($"    evidencekit_collect_binary: {Binaries!.Collector}");
        inventory.AppendLine($"    evidencekit_target: {Server!.TargetUri(SharedAccountName)}");
        inventory.AppendLine($"    evidencekit_target_host_key_fingerprint: \"{Server.HostKeyFingerprint}\"");
        inventory.AppendLine($"    evidencekit_target_ssh_key: {Server.Key(SharedAccountName)}");
        inventory.AppendLine($"    evidencekit_summary_dir: {SharedSummaryDir}");
        inventory.AppendLine($"    evidencekit_allow_shared_account: {(allow ? "true" : "false")}");
        inventory.AppendLine("    ansible_user: root");
        inventory.AppendLine($"    ansible_ssh_private_key_file: {ControllerKey}");
        inventory.AppendLine($"    ansible_ssh_common_args: -o UserKnownHostsFile={_dir.Combine("known_hosts")} -o StrictHostKeyChecking=yes -o IdentityAgent=none");
        inventory.AppendLine("  hosts:");
        foreach (var (host, key, certificate) in new[] { (Host("web11"), Pki!.Examiner, Pki.ExaminerCertificate), (Host("web12"), Pki.Unrelated, Pki.UnrelatedCertificate) })
        {
            inventory.AppendLine($"    {host.Name}:");
            inventory.AppendLine($"      ansible_host: {host.Address}");
            inventory.AppendLine($"      ansible_port: {host.Port}");
            inventory.AppendLine($"      evidencekit_root: {host.Root}");
            inventory.AppendLine($"      evidencekit_temp_dir: {host.TempArea}");
            inventory.AppendLine($"      evidencekit_signing_key: {key}");
            inventory.AppendLine($"      evidencekit_trust: ['{certificate}']");
        }
        File.WriteAllText(_dir.Combine("shared", "inventory.yml"), inventory.ToString());
    }

    private static string? Missing()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "the fleet tests need Linux and root (sshd on 127.0.0.11-14, a chrooted account under /srv)";
        }
        foreach (var tool in new[] { "/usr/bin/ansible-playbook", "/usr/sbin/sshd", "/usr/bin/ssh-agent", "/usr/bin/sftp", "/usr/sbin/useradd" })
        {
            if (!File.Exists(tool))
            {
                return $"{tool} is missing (apt-get install -y ansible-core openssh-server openssh-client)";
            }
        }
        return null;
    }
}
