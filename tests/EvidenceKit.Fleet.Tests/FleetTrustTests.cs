using System.Text.Json;
using EvidenceKit.Fleet.Tests.Support;
using EvidenceKit.Testing;

namespace EvidenceKit.Fleet.Tests;

/// <summary>
/// Issue 15's trust gaps, judged on the played scenario (<see cref="FleetScenario"/>): one evidence account and one
/// agent per host, so root on a compromised host cannot reach another host's bundles; an account shared by two hosts is
/// refused unless opted in; and a bundle is bound to the host whose folder it is in (its manifest's host name, and in
/// prosecution the signer trusted for that host).
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class FleetTrustTests(FleetScenario fleet)
{
    [SkippableFact]
    public void The_agent_forwarded_to_a_host_holds_only_that_host_s_own_evidence_key()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        fleet.KilledMidRun.Should().BeTrue("the attack runs while web13's collector runs");
        var own = SshTool.Fingerprint(fleet.Server!.Key("web13") + ".pub");
        var keys = fleet.StolenAgentKeys.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        keys.Should().ContainSingle(fleet.StolenAgentKeys).Which.Should().Contain(own);
    }

    [SkippableFact]
    public void With_the_agent_forwarded_to_it_root_on_a_host_cannot_reach_another_host_s_account_list_read_overwrite_or_delete_its_bundle_or_write_outside_its_chroot()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        fleet.AttackFromWeb13.Should().NotBeEmpty();
        foreach (var attempt in fleet.AttackFromWeb13)
        {
            if (attempt.ShouldWork)
            {
                attempt.ExitCode.Should().Be(0, $"{attempt.What} must work, or the refusals prove nothing: {attempt.Output}");
            }
            else
            {
                attempt.ExitCode.Should().NotBe(0, $"{attempt.What} must be refused: {attempt.Output}");
            }
        }
        fleet.AttackFromWeb13.Where(a => !a.ShouldWork).Select(a => a.What).Should()
            .Contain(w => w.StartsWith("log in to web11's account", StringComparison.Ordinal))
            .And.Contain(w => w.StartsWith("overwrite web11's bundle", StringComparison.Ordinal))
            .And.Contain(w => w.StartsWith("delete a file of web12's bundle", StringComparison.Ordinal))
            .And.Contain(w => w.StartsWith("write above its chroot", StringComparison.Ordinal));
        Directory.EnumerateFileSystemEntries(fleet.Server!.Base, "planted*", SearchOption.AllDirectories).Should().BeEmpty();
        foreach (var host in new[] { "web11", "web12" })
        {
            var verify = Run.Tool(fleet.Binaries!.Verifier, ["--json", fleet.SealedBundle(host)]);
            verify.ExitCode.Should().Be(0, verify.StdOut);
            JsonDocument.Parse(verify.StdOut).RootElement.GetProperty("verdict").GetString().Should().Be("VALID");
            ManifestSha256(fleet.SealedBundle(host)).Should().Be(fleet.Runs[0].Row(host).GetProperty("manifestSha256").GetString(),
                $"{host}'s bundle is the one sealed in run 1");
        }
    }

    [SkippableFact]
    public void After_the_case_the_documented_lock_refuses_the_host_s_own_key_that_logged_in_just_before()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        var (before, after) = fleet.LoginsAroundLock;
        before.ExitCode.Should().Be(0, $"the control must log in, or the refusal proves nothing: {before.Output}");
        after.ExitCode.Should().NotBe(0, $"a locked account must not log in: {after.Output}");
    }

    [SkippableFact]
    public void Each_host_s_summary_row_names_its_own_evidence_account()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        foreach (var host in fleet.Hosts)
        {
            fleet.Runs[3].Row(host.Name).GetProperty("account").GetString().Should()
                .Be($"{fleet.Server!.Account(host.Name)}@{fleet.Server.Address}:{fleet.Server.Port}");
        }
    }

    [SkippableFact]
    public void Two_hosts_configured_with_one_shared_account_are_refused_with_the_documented_message_and_nothing_is_collected()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        var refused = fleet.Runs[4];
        var account = $"{fleet.Server!.Account(FleetScenario.SharedAccountName)}@{fleet.Server.Address}:{fleet.Server.Port}";
        refused.ExitCode.Should().NotBe(0, refused.Output);
        refused.Output.Should().Contain($"REFUSED: web11 shares the evidence account {account} with web12;")
            .And.Contain($"REFUSED: web12 shares the evidence account {account} with web11;")
            .And.Contain("evidencekit_allow_shared_account: true");
        foreach (var host in new[] { "web11", "web12" })
        {
            var row = refused.Row(host);
            row.GetProperty("status").GetString().Should().Be("failed");
            row.GetProperty("action").GetString().Should().Be("refused");
            row.GetProperty("message").GetString().Should().StartWith("REFUSED:");
        }
        refused.ServerEntries.Should().NotContain(e => e.StartsWith(FleetScenario.SharedAccountName + ":", StringComparison.Ordinal),
            "a refused host is not collected, and not even logged in to the evidence server");
    }

    [SkippableFact]
    public void With_the_documented_opt_in_a_shared_account_is_used_and_each_host_s_bundle_is_signed_by_its_own_key()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        var allowed = fleet.Runs[5];
        allowed.ExitCode.Should().Be(0, allowed.Output);
        foreach (var (host, certificate, other) in Hosts())
        {
            var row = allowed.Row(host);
            row.GetProperty("status").GetString().Should().Be("sealed");
            row.GetProperty("verdict").GetString().Should().Be("VALID", row.ToString());
            var folder = Path.GetDirectoryName(fleet.SealedBundle(host, FleetScenario.SharedAccountName))!;
            Verdict(folder, certificate, host).Should().Be("VALID");
            Verdict(folder, other, host).Should().Be("UNTRUSTED", $"the other host's certificate does not vouch for {host}'s bundle");
        }
    }

    [SkippableFact]
    public void A_bundle_of_another_host_found_in_a_host_s_folder_is_INVALID_there_even_though_it_is_intact_and_signed()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        using var web11Folder = new TempDirectory("ek-web11-folder-");
        // What a host with write access to web11's folder could plant there: web12's own signed, intact bundle.
        Run.Tool("cp", ["-a", fleet.SealedBundle("web12", FleetScenario.SharedAccountName), web11Folder.Combine("planted")]).ExitCode.Should().Be(0);

        var result = Run.Tool(fleet.Binaries!.Verifier, ["--json", "--trust", fleet.Pki!.UnrelatedCertificate, "--expect-host", "web11", web11Folder.Path]);

        result.ExitCode.Should().Be(1, result.StdOut + result.StdErr);
        var row = JsonDocument.Parse(result.StdOut).RootElement.GetProperty("bundles")[0];
        row.GetProperty("verdict").GetString().Should().Be("INVALID");
        row.GetProperty("host").GetString().Should().Be("web12");
        row.GetProperty("problems")[0].GetString().Should()
            .Be("host-binding: the manifest says the bundle was collected on web12, but this folder holds the bundles of web11");
    }

    private (string Host, string Certificate, string Other)[] Hosts() =>
    [
        ("web11", fleet.Pki!.ExaminerCertificate, fleet.Pki.UnrelatedCertificate),
        ("web12", fleet.Pki.UnrelatedCertificate, fleet.Pki.ExaminerCertificate),
    ];

    private string? Verdict(string folder, string trust, string host)
    {
        var result = Run.Tool(fleet.Binaries!.Verifier, ["--json", "--trust", trust, "--expect-host", host, folder]);
        return JsonDocument.Parse(result.StdOut).RootElement.GetProperty("verdict").GetString();
    }

    private static string ManifestSha256(string bundle) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(bundle, "custody", "manifest.json"))));
}
