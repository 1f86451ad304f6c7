using System.Security.Cryptography;
using System.Text.Json;
using EvidenceKit.Fleet.Tests.Support;
using EvidenceKit.Testing;

namespace EvidenceKit.Fleet.Tests;

/// <summary>
/// collect.yml on three sshd "hosts" and a chrooted SFTP evidence server, through Debian's ansible-playbook. The
/// scenario is played once (see <see cref="FleetScenario"/>); each test judges one promise of issue 15.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class FleetCollectionTests(FleetScenario fleet)
{
    private PlaybookRun First => fleet.Runs[0];

    [SkippableFact]
    public void Every_reachable_host_s_bundle_arrives_verifies_VALID_and_holds_only_that_host_s_logs()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        foreach (var host in new[] { "web11", "web12" })
        {
            var bundle = SealedBundle(host);
            var verify = Run.Tool(fleet.Binaries!.Verifier, [bundle]);
            verify.ExitCode.Should().Be(0, verify.StdOut);
            verify.StdOut.Should().Contain("VALID");
            var payload = Directory.EnumerateFiles(Path.Combine(bundle, "data"), "*", SearchOption.AllDirectories)
                .Select(File.ReadAllText).ToList();
            payload.Should().Contain(text => text.Contains(fleet.Host(host).Marker));
            foreach (var other in fleet.Hosts.Where(h => h.Name != host))
            {
                payload.Should().NotContain(text => text.Contains(other.Marker), $"{host}'s bundle must not hold {other.Name}'s logs");
            }
        }
    }

    [SkippableFact]
    public void The_summary_has_one_correct_row_per_host()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        var hosts = First.Summary!.RootElement.GetProperty("hosts").EnumerateArray().Select(r => r.GetProperty("host").GetString()).ToList();
        hosts.Should().Equal("web11", "web12", "web13");
        File.Exists(Path.Combine(fleet.SummaryDir, "fleet-summary.md")).Should().BeTrue();
        foreach (var host in new[] { "web11", "web12" })
        {
            var row = First.Row(host);
            var bundle = SealedBundle(host);
            row.GetProperty("status").GetString().Should().Be("sealed");
            row.GetProperty("collectorExitCode").GetInt32().Should().Be(0);
            row.GetProperty("bundle").GetString().Should().Be(Path.GetFileName(bundle));
            row.GetProperty("verdict").GetString().Should().Be("VALID");
            row.GetProperty("files").GetInt64().Should().Be(Directory.EnumerateFiles(Path.Combine(bundle, "data"), "*", SearchOption.AllDirectories).Count());
            row.GetProperty("bytes").GetInt64().Should().Be(Directory.EnumerateFiles(Path.Combine(bundle, "data"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length));
            row.GetProperty("manifestSha256").GetString().Should()
                .Be(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(bundle, "custody", "manifest.json")))));
            var clock = row.GetProperty("clockOffset");
            // Every "host" is this machine: the true offset is 0, so the measurement must lie within its uncertainty.
            Math.Abs(clock.GetProperty("seconds").GetDouble()).Should().BeLessThanOrEqualTo(clock.GetProperty("uncertaintySeconds").GetDouble() + 0.01);
            clock.GetProperty("reference").GetString().Should().Be("controller");
        }
    }

    [SkippableFact]
    public void The_clock_offset_is_recorded_in_each_bundle_s_manifest_host_section()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(SealedBundle("web11"), "custody", "manifest.json")));
        var clock = manifest.RootElement.GetProperty("host").GetProperty("clockOffset");
        clock.GetProperty("reference").GetString().Should().Be("controller");
        clock.GetProperty("seconds").ValueKind.Should().Be(JsonValueKind.Number);
        clock.GetProperty("uncertaintySeconds").GetDouble().Should().BeGreaterThan(0);
        DateTimeOffset.Parse(clock.GetProperty("measuredAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
    }

    [SkippableFact]
    public void A_host_whose_sshd_is_stopped_is_unreachable_and_the_others_finish()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        First.Row("web13").GetProperty("status").GetString().Should().Be("unreachable");
        First.Row("web11").GetProperty("status").GetString().Should().Be("sealed");
        First.Row("web12").GetProperty("status").GetString().Should().Be("sealed");
        First.ExitCode.Should().NotBe(0, "the run says a host still needs another run");
        First.Output.Should().Contain("Not finished: web13");
    }

    [SkippableFact]
    public void A_collection_killed_mid_run_is_resumed_by_the_next_run()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        fleet.KilledMidRun.Should().BeTrue("web13's collector must be found and killed while copying");
        var killed = fleet.Runs[1];
        killed.Row("web13").GetProperty("status").GetString().Should().Be("failed");
        killed.ServerEntries.Should().Contain(e => e.StartsWith("web13/", StringComparison.Ordinal) && e.Contains(".partial"));
        var resumed = fleet.Runs[2].Row("web13");
        resumed.GetProperty("status").GetString().Should().Be("resumed");
        resumed.GetProperty("action").GetString().Should().Be("resume");
        resumed.GetProperty("verdict").GetString().Should().Be("VALID");
        fleet.Runs[2].ExitCode.Should().Be(0, fleet.Runs[2].Output);
        fleet.Runs[2].ServerEntries.Should().NotContain(e => e.Contains(".partial"));
        Directory.EnumerateDirectories(Path.Combine(fleet.Server!.Upload("web13"), "web13")).Should().ContainSingle();
    }

    [SkippableFact]
    public void A_second_run_re_collects_nothing()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        var last = fleet.Runs[3];
        last.ExitCode.Should().Be(0, last.Output);
        last.ServerEntries.Should().Equal(fleet.Runs[2].ServerEntries);
        foreach (var host in fleet.Hosts)
        {
            last.Row(host.Name).GetProperty("action").GetString().Should().Be("skip");
            last.Row(host.Name).GetProperty("status").GetString().Should().Be("sealed");
            last.Row(host.Name).GetProperty("verdict").GetString().Should().Be("VALID");
        }
        // Hosts finished in run 1 were skipped by every later run.
        fleet.Runs[1].Row("web11").GetProperty("action").GetString().Should().Be("skip", "run 2's row for web11 was {0}", fleet.Runs[1].Row("web11").GetRawText());
        fleet.Runs[2].Row("web12").GetProperty("action").GetString().Should().Be("skip", "run 3's row for web12 was {0}", fleet.Runs[2].Row("web12").GetRawText());
    }

    [SkippableFact]
    public void No_secret_appears_in_the_playbook_output_or_on_a_host_s_disk()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        var secrets = Secrets();
        foreach (var run in fleet.Runs)
        {
            foreach (var secret in secrets)
            {
                run.Output.Should().NotContain(secret);
            }
        }
        foreach (var host in fleet.Hosts)
        {
            foreach (var file in Directory.EnumerateFiles(host.Dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            {
                if (new FileInfo(file).Length > 64 * 1024 * 1024)
                {
                    continue; // The test's own 384 MiB log of zeros.
                }
                var text = File.ReadAllText(file);
                foreach (var secret in secrets)
                {
                    text.Should().NotContain(secret, $"{file} is on {host.Name}'s disk");
                }
                text.Should().NotContain("PRIVATE KEY", $"{file} is on {host.Name}'s disk");
            }
        }
        Directory.EnumerateFiles("/dev/shm", "evidencekit-*").Should().BeEmpty("the per-host signing keys are removed from memory after each run");
    }

    [SkippableFact]
    public void Nothing_is_left_in_a_host_s_temp_area_and_every_process_of_a_run_ended()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        foreach (var (after, run) in fleet.TempAreasAfterRun.Select((t, i) => (t, i + 1)))
        {
            foreach (var (host, entries) in after)
            {
                entries.Should().BeEmpty($"{host}'s temp area after run {run}");
            }
        }
        foreach (var leftovers in fleet.LeftoverProcessesAfterRun)
        {
            leftovers.Should().BeEmpty("the run's ssh-agent and SSH connections end with it");
        }
    }

    private string SealedBundle(string host) => fleet.SealedBundle(host);

    /// <summary>The evidence keys' passphrase, the signing keys' passphrase and the base64 lines of every evidence account's private key.</summary>
    private List<string> Secrets()
    {
        var secrets = new List<string> { fleet.Server!.Passphrase, TestPki.Passphrase };
        foreach (var account in fleet.Hosts.Select(h => h.Name).Append(FleetScenario.SharedAccountName))
        {
            secrets.AddRange(File.ReadAllLines(fleet.Server.Key(account)).Where(l => !l.StartsWith("-----", StringComparison.Ordinal) && l.Length >= 40));
        }
        return secrets;
    }
}
