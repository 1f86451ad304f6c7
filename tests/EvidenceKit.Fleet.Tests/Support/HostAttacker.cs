using EvidenceKit.Testing;

namespace EvidenceKit.Fleet.Tests.Support;

/// <summary>
/// Root on a compromised fleet host, while its collector runs: it takes the agent socket forwarded to the host from the
/// collector's environment and, with it, tries to reach other hosts' bundles on the evidence server: logging in to
/// their accounts, and from its own account listing, reading, overwriting and deleting their bundles and writing
/// outside its chroot. Each try is one sftp batch of one command, so each refusal is its own.
/// </summary>
public static class HostAttacker
{
    private static readonly TimeSpan SftpLimit = TimeSpan.FromSeconds(30);

    /// <summary>The keys the stolen agent offers (ssh-add -l) and every attempt.</summary>
    public static (string Keys, List<AttackAttempt> Attempts) Attack(int collectorPid, FleetHost self, EvidenceServer server, IEnumerable<FleetHost> others)
    {
        var socket = File.ReadAllText($"/proc/{collectorPid}/environ").Split('\0')
            .Single(v => v.StartsWith("SSH_AUTH_SOCK=", StringComparison.Ordinal))["SSH_AUTH_SOCK=".Length..];
        var keys = Run.Tool("ssh-add", ["-l"], environment: new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = socket }, timeout: SftpLimit);
        var attempts = new List<AttackAttempt>();
        var payload = Path.Combine(Path.GetTempPath(), $"ek-attack-{Guid.NewGuid():N}");
        File.WriteAllText(payload, "forged by root on " + self.Name + "\n");
        try
        {
            var own = server.Account(self.Name);
            attempts.Add(Try(server, socket, own, $"ls /upload/{self.Name}", $"{self.Name} lists its own folder (control)", shouldWork: true));
            foreach (var other in others)
            {
                var account = server.Account(other.Name);
                var bundle = Directory.EnumerateDirectories(Path.Combine(server.Upload(other.Name), other.Name))
                    .Select(Path.GetFileName).First(n => !n!.EndsWith(".partial", StringComparison.Ordinal));
                var inOwnChroot = $"/upload/{other.Name}/{bundle}/bagit.txt";
                var climbing = $"/../{account}/upload/{other.Name}/{bundle}/bagit.txt";
                attempts.Add(Try(server, socket, account, "ls /upload", $"log in to {other.Name}'s account"));
                attempts.Add(Try(server, socket, own, $"ls /upload/{other.Name}", $"list {other.Name}'s folder"));
                attempts.Add(Try(server, socket, own, $"ls /../{account}/upload", $"list {other.Name}'s account by climbing out"));
                attempts.Add(Try(server, socket, own, $"get {climbing} {payload}.got", $"read {other.Name}'s bundle"));
                attempts.Add(Try(server, socket, own, $"get {inOwnChroot} {payload}.got", $"read {other.Name}'s bundle by its own path"));
                attempts.Add(Try(server, socket, own, $"put {payload} {climbing}", $"overwrite {other.Name}'s bundle"));
                attempts.Add(Try(server, socket, own, $"rm {climbing}", $"delete a file of {other.Name}'s bundle"));
                attempts.Add(Try(server, socket, own, $"rename /upload/{self.Name} /../{account}/upload/{other.Name}/planted", $"move into {other.Name}'s folder"));
            }
            attempts.Add(Try(server, socket, own, $"put {payload} /planted", "write at the top of its chroot"));
            attempts.Add(Try(server, socket, own, "mkdir /planted", "make a folder at the top of its chroot"));
            attempts.Add(Try(server, socket, own, $"put {payload} ../../planted", "write above its chroot"));
        }
        finally
        {
            File.Delete(payload);
            File.Delete(payload + ".got");
        }
        return (keys.StdOut + keys.StdErr, attempts);
    }

    private static AttackAttempt Try(EvidenceServer server, string socket, string account, string command, string what, bool shouldWork = false)
    {
        var result = server.Batch(account, command, ["-o", $"IdentityAgent={socket}"]);
        return new AttackAttempt($"{what}: {command}", shouldWork, result.ExitCode, result.StdOut + result.StdErr);
    }
}
