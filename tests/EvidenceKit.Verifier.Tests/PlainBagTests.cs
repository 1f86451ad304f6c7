using System.Security.Cryptography;
using System.Text;
using EvidenceKit.Core.Verification;
using EvidenceKit.Testing;
using EvidenceKit.Verifier.Tests.Support;

namespace EvidenceKit.Verifier.Tests;

/// <summary>
/// Bags other tools make, built here by RFC 8493's rules in the forms it allows: any manifest algorithm, optional
/// bag-info.txt, BagIt 0.97, a declared tag-file encoding, fetch.txt, percent-encoded names, oddly written labels.
/// An intact one is VALID and said to be a plain bag; a damaged one is INVALID; one with unfetched files INCOMPLETE.
/// </summary>
public sealed class PlainBagTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, byte[]> _payload = new(StringComparer.Ordinal)
    {
        ["data/report.txt"] = Encoding.UTF8.GetBytes("quarterly report\n"),
        ["data/images/scan.bin"] = [1, 2, 3, 4, 5],
    };

    private string Bag => Path.Combine(_temp.Path, "bag");

    private void Write(string bagPath, byte[] content)
    {
        var full = Path.Combine(Bag, bagPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
    }

    private void Write(string bagPath, string text, Encoding? encoding = null) => Write(bagPath, (encoding ?? new UTF8Encoding(false)).GetBytes(text));

    private static string Digest(string algorithm, byte[] content) => Convert.ToHexStringLower(algorithm switch
    {
        "md5" => MD5.HashData(content),
        "sha1" => SHA1.HashData(content),
        "sha256" => SHA256.HashData(content),
        _ => SHA512.HashData(content),
    });

    private static string Encode(string path) => path.Replace("%", "%25").Replace("\n", "%0A").Replace("\r", "%0D");

    /// <summary>Writes the payload, bagit.txt and one payload manifest a algorithm.</summary>
    private string Build(string[] algorithms, string version = "1.0", string encodingName = "UTF-8")
    {
        foreach (var (path, content) in _payload)
        {
            Write(path, content);
        }
        Write("bagit.txt", $"BagIt-Version: {version}\nTag-File-Character-Encoding: {encodingName}\n");
        foreach (var algorithm in algorithms)
        {
            Write($"manifest-{algorithm}.txt", string.Concat(_payload.Select(p => $"{Digest(algorithm, p.Value)}  {Encode(p.Key)}\n")));
        }
        return Bag;
    }

    [Fact]
    public void An_intact_sha256_bag_without_bag_info_is_valid_and_said_to_be_a_plain_bag()
    {
        var report = VerifierRun.Verify(Build(["sha256"]));

        report.Verdict.Should().Be(Verdict.Valid, Describe(report));
        report.PlainBag.Should().BeTrue();
        report.IntegrityOnly.Should().BeTrue();
        report.Statement.Should().StartWith("plain BagIt bag, no custody manifest");
        report.Checks.Should().NotContain(c => c.Name == CheckNames.CustodyManifest || c.Name == CheckNames.Signature);
        VerifierRun.Sha256sumStrict(Bag).Should().Be(0);
    }

    [Fact]
    public void A_sha512_only_bag_is_hashed_with_sha512_and_a_changed_byte_is_invalid()
    {
        Build(["sha512"]);
        VerifierRun.Verify(Bag).Verdict.Should().Be(Verdict.Valid);
        File.AppendAllText(Path.Combine(Bag, "data/report.txt"), "x");

        var report = VerifierRun.Verify(Bag);

        report.Verdict.Should().Be(Verdict.Invalid);
        report.Figures.Files.Should().Be(2);
        report.Check(CheckNames.PayloadFiles).Items.Should().ContainSingle(i => i.StartsWith("'data/report.txt': SHA-512 is", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bag_with_only_md5_is_checked_but_untrusted_because_md5_is_weak()
    {
        var report = VerifierRun.Verify(Build(["md5"]));

        report.Verdict.Should().Be(Verdict.Untrusted);
        report.Check(CheckNames.HashAlgorithms).Outcome.Should().Be(CheckOutcome.Warn);
        report.Check(CheckNames.PayloadFiles).Outcome.Should().Be(CheckOutcome.Pass);
    }

    [Fact]
    public void Md5_beside_sha256_is_checked_and_reported_weak_and_a_wrong_md5_line_is_invalid()
    {
        Build(["md5", "sha256"]);
        var valid = VerifierRun.Verify(Bag);
        valid.Verdict.Should().Be(Verdict.Valid);
        valid.Check(CheckNames.HashAlgorithms).Items.Should().ContainSingle(i => i.Contains("MD5 is weak"));
        Write("manifest-md5.txt", string.Concat(_payload.Select(p => $"{new string('0', 32)}  {p.Key}\n")));

        var report = VerifierRun.Verify(Bag);

        report.Verdict.Should().Be(Verdict.Invalid);
        report.Check(CheckNames.PayloadFiles).Items.Should().Contain(i => i.Contains("MD5 is") && i.Contains("manifest-md5.txt line"));
    }

    [Fact]
    public void A_payload_file_missing_from_one_of_two_manifests_is_invalid()
    {
        Build(["sha256", "sha512"]);
        Write("manifest-sha512.txt", $"{Digest("sha512", _payload["data/report.txt"])}  data/report.txt\n");

        var report = VerifierRun.Verify(Bag);

        report.Verdict.Should().Be(Verdict.Invalid);
        report.Check(CheckNames.UnlistedFiles).Items.Should().Equal("'data/images/scan.bin' is not listed in manifest-sha512.txt");
    }

    [Fact]
    public void A_bagit_0_97_bag_with_latin1_tag_files_and_odd_bag_info_labels_is_valid()
    {
        Build(["sha256"], "0.97", "ISO-8859-1");
        Write("bag-info.txt", "Source-Organization:Müller Archiv\nContact-Name :  Jörg\nContact-Name: Anna\nExternal-Description: first line\n  continued\nPayload-Oxum: 22.2\n", Encoding.Latin1);

        var report = VerifierRun.Verify(Bag);

        report.Verdict.Should().Be(Verdict.Valid, Describe(report));
        report.Check(CheckNames.BagItDeclaration).Detail.Should().Be("BagIt-Version 0.97, Tag-File-Character-Encoding ISO-8859-1.");
        report.Check(CheckNames.BagInfo).Detail.Should().Be("5 fields; Payload-Oxum 22.2 matches data/.");
    }

    [Fact]
    public void A_wrong_payload_oxum_in_a_plain_bag_is_invalid()
    {
        Build(["sha256"]);
        Write("bag-info.txt", "Payload-Oxum: 23.2\n");

        VerifierRun.Verify(Bag).Check(CheckNames.BagInfo).Outcome.Should().Be(CheckOutcome.Fail);
    }

    [Fact]
    public void Percent_encoded_names_are_decoded_as_the_rfc_says_in_a_plain_bag()
    {
        _payload["data/100%.txt"] = [7];
        _payload["data/line\nbreak.txt"] = [8];

        var report = VerifierRun.Verify(Build(["sha256"]));

        report.Verdict.Should().Be(Verdict.Valid, Describe(report));
        File.ReadAllText(Path.Combine(Bag, "manifest-sha256.txt")).Should().Contain("data/100%25.txt").And.Contain("data/line%0Abreak.txt");
    }

    [Fact]
    public void A_fetch_txt_entry_that_is_not_in_the_bag_makes_it_incomplete_and_nothing_is_fetched()
    {
        Build(["sha256"]);
        Write("fetch.txt", "http://127.0.0.1:9/never.bin 10 data/never.bin\n");

        var report = VerifierRun.Verify(Bag);

        report.Verdict.Should().Be(Verdict.Incomplete);
        Cli.ExitCodes.Of(report.Verdict).Should().Be(3);
        report.Check(CheckNames.Fetch).Items.Should().Equal(
            "'data/never.bin' from 'http://127.0.0.1:9/never.bin' (fetch.txt line 1) is not in the bag; it was not fetched");
    }

    [Fact]
    public void A_tag_manifest_line_that_does_not_match_in_a_plain_bag_is_invalid()
    {
        Build(["sha256"]);
        Write("tagmanifest-sha256.txt", $"{new string('0', 64)}  bagit.txt\n");

        VerifierRun.Verify(Bag).Check(CheckNames.TagManifest).Outcome.Should().Be(CheckOutcome.Fail);
    }

    [Fact]
    public void A_ten_million_line_manifest_in_a_small_bag_is_refused_after_reading_only_what_the_bag_can_need()
    {
        Build(["sha256"]);
        var line = $"{new string('0', 64)}  data/report.txt\n";
        using (var writer = new StreamWriter(Path.Combine(Bag, "manifest-sha256.txt"), append: true))
        {
            for (var i = 0; i < 10_000_000; i++)
            {
                writer.Write(line);
            }
        }

        var report = VerifierRun.Verify(Bag);

        report.Verdict.Should().Be(Verdict.Invalid);
        report.Check(CheckNames.PayloadManifest).Detail.Should().Be("manifest-sha256.txt has more than 1026 lines (refused: more than the bag can need).");
    }

    [Fact]
    public void A_300_mb_custody_manifest_in_a_small_bundle_is_refused_before_it_is_read()
    {
        // Given a bundle whose manifest.json is a 300 MB (sparse) file: far more than 3 payload files can need
        using var builder = new BundleBuilder();
        var dir = builder.Build();
        using (var stream = new FileStream(builder.PathOf("custody/manifest.json"), FileMode.Truncate))
        {
            stream.SetLength(300L * 1024 * 1024);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();

        var report = VerifierRun.Verify(dir);

        // Then it is refused by size, and far less than its size was allocated
        report.Verdict.Should().Be(Verdict.Invalid);
        report.Check(CheckNames.CustodyManifest).Detail.Should().Be(
            $"custody/manifest.json is too large ({300L * 1024 * 1024} bytes; at most {(16L * 1024 * 1024) + (3 * 64L * 1024)} are read).");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(100L * 1024 * 1024);
    }

    private static string Describe(VerificationReport report) =>
        string.Join("\n", report.Checks.Select(c => $"{c.Outcome} {c.Name}: {c.Detail} {string.Join(" | ", c.Items)}"));

    public void Dispose() => _temp.Dispose();
}
