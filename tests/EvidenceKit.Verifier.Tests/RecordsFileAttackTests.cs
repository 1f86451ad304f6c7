using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Verification;
using EvidenceKit.Testing;
using EvidenceKit.Verifier.Tests.Custody;
using EvidenceKit.Verifier.Tests.Support;

namespace EvidenceKit.Verifier.Tests;

/// <summary>
/// Schema v3 keeps the per-file records in custody/files.jsonl, bound by SHA-256, length and count in manifest.json.
/// These tests attack that file in a bundle made by the real collector, some as a forger who also rewrites the
/// (unsigned) manifest's records section to match: every attack ends in a named finding and an INVALID verdict,
/// within a bounded time, having read no more than the caps allow.
/// </summary>
public sealed class RecordsFileAttackTests : IClassFixture<RecordsFileAttackTests.AnalysisBundle>, IDisposable
{
    private readonly TempDirectory _work = new("ek-records-");
    private readonly string _bundle;

    public RecordsFileAttackTests(AnalysisBundle original)
    {
        _bundle = Path.Combine(_work.Path, "bundle");
        Run.Tool("cp", ["-a", original.Path, _bundle]).ExitCode.Should().Be(0);
    }

    public void Dispose() => _work.Dispose();

    /// <summary>One analysis bundle of three files, collected once; each test tampers with its own copy.</summary>
    public sealed class AnalysisBundle : IDisposable
    {
        private readonly TempDirectory _root = new("ek-records-root-");
        private readonly TempDirectory _target = new("ek-records-target-");

        public AnalysisBundle()
        {
            _root.Write("var/log/nginx/access.log", "203.0.113.9 GET /wp-login.php 404\n");
            _root.Write("var/log/nginx/access.log.1", "198.51.100.7 POST /upload.php 200\n");
            _root.Write("var/log/syslog", "Nov 24 web01 sshd: Accepted password for root\n");
            var run = Run.Executable("evidencekit-collect", ["--profile", "linux-web-nginx", "--root", _root.Path, "--target", _target.Path, "--case", "R-3"]);
            run.ExitCode.Should().Be(0, run.ToString());
            Path = Directory.GetDirectories(_target.Path).Single();
        }

        public string Path { get; }

        public void Dispose()
        {
            _root.Dispose();
            _target.Dispose();
        }
    }

    private string RecordsPath => Path.Combine(_bundle, BundleLayout.FileRecords);

    private List<string> Lines() => [.. File.ReadAllLines(RecordsPath)];

    private VerificationReport Verify()
    {
        var verification = Task.Run(() => VerifierRun.Verify(_bundle));
        verification.Wait(TimeSpan.FromSeconds(60)).Should().BeTrue("the verifier must never hang on a hostile records file");
        return verification.Result;
    }

    /// <summary>As a forger of an unsigned bundle would: the records section and the tag manifest made to match the file.</summary>
    private void Rebind(long? count = null, long? length = null)
    {
        var bytes = File.ReadAllBytes(RecordsPath);
        SetRecords(r =>
        {
            r["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
            r["length"] = length ?? bytes.Length;
            r["count"] = count ?? bytes.Count(b => b == (byte)'\n');
        });
    }

    private void SetRecords(Action<JsonObject> change, bool rewriteTagManifest = true)
    {
        var manifestPath = Path.Combine(_bundle, BundleLayout.ManifestJson);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        change(manifest["records"]!.AsObject());
        File.WriteAllText(manifestPath, manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        if (rewriteTagManifest)
        {
            CustodyBundles.RewriteTagManifest(_bundle);
        }
    }

    private static void ShouldFind(VerificationReport report, string check, string finding)
    {
        report.Verdict.Should().Be(Verdict.Invalid);
        var result = report.Check(check);
        result.Outcome.Should().Be(CheckOutcome.Fail, string.Join("\n", result.Items));
        result.Items.Should().Contain(i => i.Contains(finding, StringComparison.Ordinal), string.Join("\n", result.Items));
    }

    [Fact]
    public void A_clean_v3_bundle_is_valid_and_its_records_file_is_bound_and_listed_in_the_tag_manifest()
    {
        var report = Verify();

        report.Verdict.Should().Be(Verdict.Valid, string.Join("\n", report.Checks.Select(c => $"{c.Name} {c.Outcome} {c.Detail} {string.Join("; ", c.Items)}")));
        report.Facts!.Manifest!.Schema.Should().Be(Core.Bundles.Manifest.CustodyManifest.SchemaV3);
        report.Facts.Manifest.Records!.Count.Should().Be(Lines().Count);
        report.Facts.Manifest.Files.Should().HaveCount(Lines().Count);
        File.ReadAllText(Path.Combine(_bundle, BundleLayout.TagManifest)).Should().Contain("  " + BundleLayout.FileRecords + "\n");
        JsonNode.Parse(File.ReadAllText(Path.Combine(_bundle, BundleLayout.ManifestJson)))!.AsObject().ContainsKey("files")
            .Should().BeFalse("a v3 manifest holds no inline records");
    }

    [Fact]
    public void A_records_file_of_4_GB_is_refused_before_it_is_parsed()
    {
        var n = Lines().Count;
        File.Delete(RecordsPath);
        using (var sparse = File.Create(RecordsPath))
        {
            sparse.SetLength(4L << 30);
        }
        SetRecords(r => r["length"] = 4L << 30, rewriteTagManifest: false);

        ShouldFind(Verify(), CheckNames.CustodyManifest, $"more than {n} records can take; it was not read");
    }

    [Fact]
    public void A_records_line_longer_than_the_cap_stops_the_read_at_the_cap()
    {
        var lines = Lines();
        File.WriteAllText(RecordsPath, new string('x', 150 * 1024) + "\n" + string.Join("\n", lines.Skip(1)) + "\n");
        Rebind();

        ShouldFind(Verify(), CheckNames.CustodyManifest, "line 1 is longer than 65536 bytes; reading stopped there");
    }

    [Fact]
    public void A_count_that_lies_low_stops_the_read_after_that_many_records()
    {
        var n = Lines().Count;
        Rebind(count: n - 1);

        ShouldFind(Verify(), CheckNames.CustodyManifest, $"holds more than the {n - 1} records the manifest counts; reading stopped there");
    }

    [Fact]
    public void A_count_that_lies_high_is_named()
    {
        var n = Lines().Count;
        Rebind(count: n + 2);

        ShouldFind(Verify(), CheckNames.CustodyManifest, $"holds {n} records, the manifest counts {n + 2}");
    }

    [Fact]
    public void A_count_beyond_the_files_in_data_is_refused_unread()
    {
        var n = Lines().Count;
        Rebind(count: 10_000_000);

        ShouldFind(Verify(), CheckNames.CustodyManifest, $"records.count says 10000000 records, but data/ holds {n} files; it was not read");
    }

    [Fact]
    public void A_records_file_whose_SHA_256_matches_but_lists_one_path_twice_is_invalid()
    {
        var lines = Lines();
        File.WriteAllText(RecordsPath, string.Join("\n", [.. lines, lines[0]]) + "\n");
        Rebind();

        var report = Verify();

        report.Check(CheckNames.CustodyManifest).Outcome.Should().Be(CheckOutcome.Pass, "the file is exactly the one the manifest binds");
        ShouldFind(report, CheckNames.DuplicateEntries, $"custody/files.jsonl line {lines.Count + 1} (E");
        report.Check(CheckNames.DuplicateEntries).Items.Should().Contain(i => i.Contains("and custody/files.jsonl line 1 both list", StringComparison.Ordinal));
    }

    [Fact]
    public void Records_put_in_another_order_no_longer_match_the_bound_SHA_256()
    {
        var lines = Lines();
        lines.Reverse();
        File.WriteAllText(RecordsPath, string.Join("\n", lines) + "\n");

        ShouldFind(Verify(), CheckNames.CustodyManifest, "custody/files.jsonl: SHA-256 is ");
    }

    [Fact]
    public void A_records_file_rebound_in_the_manifest_but_not_in_the_tag_manifest_fails_the_tag_manifest()
    {
        // The tag manifest's line for the records file is judged by the digest taken while the records were read
        // (the file is not read twice): that digest must be of the bytes there now, not of what manifest.json binds.
        var lines = Lines();
        lines.Reverse();
        File.WriteAllText(RecordsPath, string.Join("\n", lines) + "\n");
        var bytes = File.ReadAllBytes(RecordsPath);
        SetRecords(r => r["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)), rewriteTagManifest: false);

        var report = Verify();

        report.Check(CheckNames.CustodyManifest).Outcome.Should().Be(CheckOutcome.Pass, "manifest.json binds the file as it now is");
        ShouldFind(report, CheckNames.TagManifest, $"'custody/files.jsonl': SHA-256 is {Convert.ToHexStringLower(SHA256.HashData(bytes))}");
    }

    [Fact]
    public void A_records_file_read_only_in_part_is_still_hashed_whole_for_the_tag_manifest()
    {
        // Reading stops after the count the manifest gives; the tag manifest's line must then be judged by a full hash
        // of the file, not by the part that was read.
        var n = Lines().Count;
        File.AppendAllText(RecordsPath, Lines()[0] + "\n");
        var bytes = File.ReadAllBytes(RecordsPath);
        SetRecords(r =>
        {
            r["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
            r["length"] = bytes.Length;
            r["count"] = n;
        });

        var report = Verify();

        ShouldFind(report, CheckNames.CustodyManifest, $"holds more than the {n} records the manifest counts; reading stopped there");
        report.Check(CheckNames.TagManifest).Outcome.Should().Be(CheckOutcome.Pass,
            "the tag manifest was rewritten for the file as it is, and a full hash of it agrees: " + string.Join("; ", report.Check(CheckNames.TagManifest).Items));
    }

    [Fact]
    public void A_records_file_that_is_a_FIFO_is_never_opened()
    {
        File.Delete(RecordsPath);
        Run.Tool("mkfifo", [RecordsPath]).ExitCode.Should().Be(0);

        ShouldFind(Verify(), CheckNames.CustodyManifest, "custody/files.jsonl is a fifo (not opened), but the manifest binds it");
    }

    [Fact]
    public void A_record_whose_hash_differs_from_manifest_sha256_txt_is_a_disagreement_even_when_rebound()
    {
        var lines = Lines();
        var sha = System.Text.RegularExpressions.Regex.Match(lines[0], "\"sha256\":\"([0-9a-f]{64})\"").Groups[1].Value;
        lines[0] = lines[0].Replace(sha, new string('0', 64), StringComparison.Ordinal);
        File.WriteAllText(RecordsPath, string.Join("\n", lines) + "\n");
        Rebind();

        ShouldFind(Verify(), CheckNames.CustodyFiles, $"says SHA-256 {new string('0', 64)}");
    }

    [Fact]
    public void A_line_that_is_not_a_record_is_named_by_its_number()
    {
        var lines = Lines();
        lines[1] = "{\"id\":\"E9\",\"bagPath\":null,\"sha256\":\"00\",\"sourcePath\":\"x\",\"size\":1}";
        File.WriteAllText(RecordsPath, string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        Rebind();

        ShouldFind(Verify(), CheckNames.CustodyManifest, "custody/files.jsonl line 2 lacks id, bagPath or sha256");
    }
}
