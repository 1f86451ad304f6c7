using System.Text.RegularExpressions;

namespace EvidenceKit.Verifier.Tests.Docs;

/// <summary>
/// Every documented command that the doc tests do not run themselves, by its exact text (a trailing comment left
/// out): those run elsewhere, with what runs them, and the exceptions that are not run, with the reason the
/// document itself prints. A command in an unmarked block that is in neither list fails the inventory test, and so
/// does an entry the docs no longer print. The commands written inline in the prose have their own lists below
/// (<see cref="InlineCode"/> says which spans are commands; <c>InlineCommandsTests</c> checks them).
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

    /// <summary>
    /// The programs the docs tell users to run: an inline code span that starts with one of them (and is more than
    /// its name) is a command (<see cref="InlineCode"/>), so a new one fails the inline inventory test until it is run or listed.
    /// </summary>
    public static readonly string[] Programs =
    [
        "evidencekit-collect", "evidencekit-verify", "openssl", "sha256sum", "ssh", "ssh-keygen", "ssh-add", "sshd", "sftp", "scp",
        "mactime", "ansible", "ansible-playbook", "ansible-lint", "systemctl", "usermod", "useradd", "groupadd", "install", "mkdir",
        "apt-get", "npm", "node", "dotnet", "ionice", "date", "echo", "cp", "wc", "gzip", "time", "strace", "perf",
    ];

    /// <summary>Inline spans that start with a program that can run here but are not commands, each with why.</summary>
    public static readonly (string Span, string Why)[] NotCommands =
    [
        ("/usr/sbin/apache2 + /usr/sbin/php-fpm* + /var/lib/mysql", "the files whose presence --profile auto looks for, joined by '+'"),
    ];

    /// <summary>
    /// Inline commands run as printed by a story of their document, after its blocks and in the directory its last
    /// block left (only placeholders replaced through <see cref="DocPlaceholders"/>), in this order, each ending
    /// with <c>Exit</c> and printing <c>Prints</c>.
    /// </summary>
    public static readonly (string Document, string Command, string Story, int Exit, string Prints)[] InlineRuns =
    [
        ("README.md", "evidencekit-collect profiles list", "machine", 0, "linux-web-nginx"),
        ("README.md", "evidencekit-collect profiles check DIR/systems/shop.yaml --profiles DIR", "machine", 0, ""),
        ("README.md", "mkdir -p /media/usb/evidence && /media/usb/evidencekit-collect --profile linux-base --target /media/usb/evidence", "machine", 0, ""),
        ("README.md", "ssh-keygen -t ed25519 -f collector_key", "sftp", 0, "collector_key.pub"),
        ("README.md", "evidencekit-verify timeline BUNDLE --out /dev/null", "timeline", 0, ""),
        ("signing/README.md", "openssl ca -config ca.cnf -revoke jane.crt", "signing", 0, ""),
        ("signing/README.md", "openssl ca -config ca.cnf -gencrl -out ca.crl", "signing", 0, ""),
        ("signing/README.md", "openssl verify -crl_check -CAfile root-ca.crt -CRLfile ca.crl jane.crt", "signing", 2, "certificate revoked"),
    ];

    /// <summary>
    /// Inline commands run by an existing test or by CI: (command, what runs it, the test that does it as
    /// <c>Class.Method</c> or null for CI, the files that hold the program and every option of the command line).
    /// </summary>
    public static readonly (string Command, string RunBy, string? Test, string[] Files)[] InlineElsewhere =
    [
        ("apt-get install -y --no-install-recommends openssl openssh-server openssh-client nginx apache2 chromium poppler-utils jq time coreutils findutils util-linux dosfstools python3 ca-certificates ansible-core ansible-lint sleuthkit systemd-journal-remote rsyslog zstd xz-utils bzip2 sudo",
            ".ci/run, as printed", null, [".ci/run"]),
        ("npm ci --prefix tests/EvidenceKit.Verifier.Tests/shacl", ".ci/run, as printed", null, [".ci/run"]),
        ("apt-get install ansible-core", ".ci/run's apt-get install, which names ansible-core", null, [".ci/run"]),
        ("apt-get install chromium", ".ci/run's apt-get install, which names chromium", null, [".ci/run"]),
        ("dotnet build EvidenceKit.sln", ".ci/run, as printed, before the suite", null, [".ci/run"]),
        ("dotnet test EvidenceKit.sln", "scripts/test.sh (its default target is EvidenceKit.sln), which .ci/run runs", null, ["scripts/test.sh"]),
        ("signing/test-ca/make-test-pki.sh OUTDIR", "TestPki, which every signing test uses", "CmsSignerTests.A_detached_signature_verifies_with_openssl_against_the_root_CA",
            ["tests/EvidenceKit.Testing/TestPki.cs"]),
        ("test-ca/make-test-pki.sh OUTDIR", "TestPki, which every signing test uses", "CmsSignerTests.A_detached_signature_verifies_with_openssl_against_the_root_CA",
            ["tests/EvidenceKit.Testing/TestPki.cs"]),
        ("openssl ts -reply", "TsaServer, the tests' time-stamp authority", "Rfc3161TimestamperTests.A_token_from_an_openssl_TSA_is_accepted_by_openssl_ts_verify",
            ["tests/EvidenceKit.Testing/TsaServer.cs"]),
        ("ionice -p PID", "run on each thread of a --low-priority collection", "ThrottleTests.A_low_priority_collection_runs_every_thread_at_nice_19_in_the_idle_io_class",
            ["tests/EvidenceKit.Collector.Tests/ThrottleTests.cs"]),
        ("evidencekit-collect --resume PATH.partial", "on the .partial of a collection killed with SIGKILL",
            "InterruptionTests.A_collection_killed_with_SIGKILL_resumes_into_a_bundle_that_sha256sum_accepts", ["tests/EvidenceKit.Collector.Tests/InterruptionTests.cs"]),
        ("evidencekit-collect --resume PATH.partial --tsa-optional", "on the .partial left when the time-stamp authority failed",
            "ResumeAttackTests.Resume_after_forging_a_journalled_copy_and_its_journal_line_seals_the_source_bytes_not_the_forgery",
            ["tests/EvidenceKit.Collector.Tests/Adversarial/ResumeAttackTests.cs"]),
        ("sftp -i collector_key ir-case42@ev.example.org", "EvidenceServer.Batch logs in with sftp -i and the host's key, then lists /upload",
            "FleetTrustTests.After_the_case_the_documented_lock_refuses_the_host_s_own_key_that_logged_in_just_before",
            ["tests/EvidenceKit.Fleet.Tests/Support/EvidenceServer.cs"]),
        ("usermod -L -e 1 ir-case42", "deploy/evidence-accounts.sh lock, whose login is refused afterwards",
            "FleetTrustTests.After_the_case_the_documented_lock_refuses_the_host_s_own_key_that_logged_in_just_before", ["deploy/evidence-accounts.sh"]),
        ("evidencekit-verify --expect-host <host>", "the playbook's verify step, on each host's folder",
            "FleetTrustTests.A_bundle_of_another_host_found_in_a_host_s_folder_is_INVALID_there_even_though_it_is_intact_and_signed",
            ["deploy/ansible/roles/evidencekit_collect/tasks/verify.yml"]),
        ("evidencekit-verify --expect-host", "the playbook's verify step, on each host's folder",
            "FleetTrustTests.A_bundle_of_another_host_found_in_a_host_s_folder_is_INVALID_there_even_though_it_is_intact_and_signed",
            ["deploy/ansible/roles/evidencekit_collect/tasks/verify.yml"]),
        ("evidencekit-verify --json --expect-host <evidencekit_expected_hostname> --trust <this host's evidencekit_trust>",
            "the playbook's verify step, on each host's folder",
            "FleetTrustTests.With_the_documented_opt_in_a_shared_account_is_used_and_each_host_s_bundle_is_signed_by_its_own_key",
            ["deploy/ansible/roles/evidencekit_collect/tasks/verify.yml", "deploy/ansible/roles/evidencekit_collect/vars/main.yml"]),
        ("date -u +%s.%N", "the playbook's clock measurement on each host",
            "FleetCollectionTests.The_clock_offset_is_recorded_in_each_bundle_s_manifest_host_section",
            ["deploy/ansible/roles/evidencekit_collect/action_plugins/evidencekit_clock.py"]),
        ("node tests/EvidenceKit.Verifier.Tests/shacl/validate.mjs ONTOLOGY_DIR FILE", "on a prosecution bundle's CASE export",
            "CaseExportShaclTests.The_case_export_of_a_prosecution_bundle_with_two_custody_events_has_no_SHACL_violation_against_CASE_and_UCO_1_4_0",
            ["tests/EvidenceKit.Verifier.Tests/Output/CaseExportShaclTests.cs"]),
        ("/usr/bin/time -v", "around the real timeline executable",
            "TimelineMemoryTests.A_flood_of_access_log_lines_is_sorted_through_spilled_runs_with_peak_memory_under_the_ceiling",
            ["tests/EvidenceKit.Timeline.Tests/Pipeline/TimelineMemoryTests.cs"]),
    ];

    /// <summary>Inline commands not run anywhere, each with the reason its document prints.</summary>
    public static readonly (string Command, string Reason)[] InlineExceptions =
    [
        ("sshd -t && systemctl reload ssh", ReloadsSshd),
        ("openssl pkcs7 -print_certs | openssl x509", "would show the first certificate listed, which may be the root"),
        ("scripts/test.sh --filter \"Category!=Slow\"", RunsTheSuite),
        ("scripts/test.sh tests/EvidenceKit.Collector.Tests --filter ...", RunsTheSuite),
        ("wc -l", Bench),
        ("gzip -dc | wc -l", Bench),
        ("bench/timeline.sh --big", Bench),
        ("SIZE_MB=1024 RUNS=1 bench/timeline.sh", Bench),
        ("cp -a", Bench),
        ("scp -r", Bench),
        ("sftp put -r", Bench),
        ("bench/run.sh --corpora large,small --rounds 3", Bench),
        ("strace -c -f", Bench),
    ];

    private const string RunsTheSuite = "no test runs these two, since they run the tests";
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
