using System.Text.RegularExpressions;

namespace EvidenceKit.Verifier.Tests.Docs;

/// <summary>
/// Every documented command that the doc tests do not run themselves, by its exact text (a trailing comment left
/// out): those run elsewhere, with what runs them, and the exceptions that are not run, with the reason the
/// document itself prints. A command in an unmarked block that is in neither list fails the inventory test, and so
/// does an entry the docs no longer print.
/// </summary>
internal static partial class CommandInventory
{
    /// <summary>The documents whose commands are inventoried, by path in the repository.</summary>
    public static readonly string[] Documents = ["README.md", "signing/README.md", "deploy/ansible/roles/evidencekit_collect/README.md"];

    /// <summary>Run by something other than the doc tests: (command, what runs it, file that holds that run).</summary>
    public static readonly (string Command, string RunBy, string File)[] Elsewhere =
    [
        ("scripts/publish.sh", ".ci/run, step \"README's publish command\" (as printed)", ".ci/run"),
        ("export EVIDENCEKIT_SSH_KEY_PASSPHRASE='...'",
            "FleetCollectionTests: the playbook reads the evidence key's passphrase from the controller's environment",
            "tests/EvidenceKit.Fleet.Tests/FleetCollectionTests.cs"),
        ("ansible-playbook -i inventory.yml deploy/ansible/collect.yml -f 25",
            "FleetCollectionTests and FleetTrustTests (FleetScenario runs ansible-playbook -i inventory.yml deploy/ansible/collect.yml -f 25)",
            "tests/EvidenceKit.Fleet.Tests/Support/FleetScenario.cs"),
        ("deploy/evidence-accounts.sh create --case IR-2026-042 --base /srv/evidence --keys /root/ir42-keys --server ev.example.org:22 --sshd-snippet /etc/ssh/sshd_config.d/evidencekit.conf web1.example.org web2.example.org app1.example.org db1.example.org proxy1.example.org",
            AccountsScript, "tests/EvidenceKit.Fleet.Tests/Support/EvidenceServer.cs"),
        ("EVIDENCEKIT_SSH_KEY_PASSPHRASE=... deploy/evidence-accounts.sh create --case IR-42 --base /srv/evidence --keys /root/ir42-keys --server ev.example.org:22 --sshd-snippet /etc/ssh/sshd_config.d/evidencekit.conf HOST...",
            AccountsScript, "tests/EvidenceKit.Fleet.Tests/Support/EvidenceServer.cs"),
        ("deploy/evidence-accounts.sh lock --case IR-42 HOST...",
            "FleetTrustTests.After_the_case_the_documented_lock_refuses_the_host_s_own_key_that_logged_in_just_before (EvidenceServer.LockAsDocumented)",
            "tests/EvidenceKit.Fleet.Tests/Support/EvidenceServer.cs"),
        ("deploy/evidence-accounts.sh delete --case IR-42 HOST...",
            "the fleet tests' EvidenceServer removes its accounts with it when it is disposed",
            "tests/EvidenceKit.Fleet.Tests/Support/EvidenceServer.cs"),
    ];

    /// <summary>Not run anywhere, each with the reason its document prints next to it.</summary>
    public static readonly (string Command, string Reason)[] Exceptions =
    [
        ("groupadd --system evidence", AddsAccount),
        ("useradd --gid evidence --shell /usr/sbin/nologin --home-dir /srv/evidence/case42 --no-create-home ir-case42", AddsAccount),
        ("install -d -o root -g root -m 0755 /srv/evidence/case42", AddsAccount),
        ("install -d -o ir-case42 -g evidence -m 0750 /srv/evidence/case42/upload", AddsAccount),
        ("install -d -o root -g root -m 0755 /srv/evidence/case42/.ssh", AddsAccount),
        ("install -m 0644 -o root -g root collector_key.pub /srv/evidence/case42/.ssh/authorized_keys", AddsAccount),
        ("systemctl reload ssh", ReloadsSshd),
        ("scripts/publish.sh linux-x64 win-x64 osx-arm64", "it downloads the Windows and macOS runtime packs from NuGet"),
        ("sudo bench/run.sh", Bench),
        ("sudo bench/run.sh --corpora large --rounds 1", Bench),
        ("sudo bench/run.sh --corpora million", Bench),
        ("sudo bench/run.sh --dir /mnt/disk/tmp", Bench),
        ("bench/run.sh --collect ./evidencekit-collect --verify ./evidencekit-verify", Bench),
    ];

    private const string AddsAccount = "these commands add a system user and group and folders under /srv to the machine that runs them";
    private const string AccountsScript =
        "the fleet tests' EvidenceServer.CreateAccounts, on the test's evidence server 127.0.0.14, with the test's own --group, --prefix and --host-vars added so that it cannot touch real accounts";
    private const string ReloadsSshd = "the tests run their own sshd and never reload the machine's";
    private const string Bench = "a run takes minutes to an hour and needs a quiet machine";

    /// <summary>A command line as the inventory names it: its trailing comment and the spaces before it left out.</summary>
    public static string Key(string commandLine) => TrailingComment().Replace(commandLine, "");

    [GeneratedRegex(@"\s+#\s.*$")]
    private static partial Regex TrailingComment();
}
