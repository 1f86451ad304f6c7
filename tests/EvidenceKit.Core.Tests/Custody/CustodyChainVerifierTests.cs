using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Text;
using EvidenceKit.Core.Verification;

namespace EvidenceKit.Core.Tests.Custody;

public sealed class CustodyChainVerifierTests : IDisposable
{
    private static readonly SignerIdentity Examiner = new("CN=Examiner", new string('a', 64), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100)) { CommonName = "Examiner" };
    private static readonly DateTimeOffset Finished = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly Guid _bundleId = Guid.NewGuid();

    private sealed class RecordingVerifier : ISignatureVerifier
    {
        public List<TrustPolicy> Policies { get; } = [];

        public SignatureVerification Verify(ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature, TrustPolicy policy)
        {
            Policies.Add(policy);
            var valid = signature.SequenceEqual(Sign(content));
            return new SignatureVerification(valid, valid && !policy.IsEmpty, Examiner, null, valid ? "valid" : "CMS message digest mismatch");
        }
    }

    private sealed class FixedTimestamps(DateTimeOffset genTime) : ITimestampVerifier
    {
        public TimestampVerification Verify(ReadOnlySpan<byte> token, ReadOnlySpan<byte> timestampedData, TrustPolicy tsaTrust) =>
            new(true, true, genTime, "CN=TSA", new string('b', 64), "valid");
    }

    private static byte[] Sign(ReadOnlySpan<byte> content) => BagItText.Utf8.GetBytes("sig:" + Hex.Sha256(content));

    private string Write(string bagPath, byte[] bytes) => _dir.Write(bagPath, bytes);

    private (CustodyManifest Manifest, byte[] Bytes) WriteManifest()
    {
        var manifest = new CustodyManifest
        {
            BundleId = _bundleId,
            Mode = "prosecution",
            Case = new CaseRecord { Id = "C-1" },
            Examiner = new ExaminerRecord { Name = "Erin", CertificateSha256 = Examiner.CertificateSha256 },
            Host = new HostRecord { Hostname = "web1" },
            Tool = new ToolRecord { Name = "evidencekit-collect", Version = "1" },
            Profile = new ProfileRecord { Names = ["p"], Files = [] },
            Started = Timestamps.Format(Finished.AddMinutes(-1)),
            Finished = Timestamps.Format(Finished),
            Target = new TargetRecord { Kind = "directory", Location = "/mnt" },
            HashAlgorithms = ["sha256"],
            Bag = new BagRecord { BagitTxtSha256 = "", BagInfoTxtSha256 = "", ManifestSha256TxtSha256 = "", CollectionLogSha256 = "", PayloadOxum = "0.0" },
            Files = [],
            Notes = [CustodyChainRules.ChainNote],
        };
        var bytes = ManifestJson.ToUtf8(manifest);
        Write(BundleLayout.ManifestJson, bytes);
        Write(BundleLayout.ManifestSignature, Sign(bytes));
        return (manifest, bytes);
    }

    private byte[] WriteEvent(int n, DateTimeOffset time, IReadOnlyList<CustodyLink> links, string kind)
    {
        var e = CustodyEventBuilder.Build(_bundleId, n, links, time, new CustodyEventDetails(kind, "Examiner"), Examiner, null);
        var bytes = ManifestJson.ToUtf8(e);
        Write(CustodyPaths.Event(n), bytes);
        Write(CustodyPaths.Signature(n), Sign(bytes));
        return bytes;
    }

    private CustodyChainResult Verify(ISignatureVerifier signatures, ITimestampVerifier? timestamps = null) =>
        new CustodyChainVerifier(new LinuxBagFilesFactory(), signatures, timestamps, new TrustPolicy([], [Examiner.CertificateSha256]), TrustPolicy.None)
            .Verify(_dir.Path);

    [Fact]
    public void A_chain_whose_times_stay_within_the_tolerance_is_intact()
    {
        var (_, manifest) = WriteManifest();
        var first = WriteEvent(1, Finished.AddMinutes(-4), CustodyEventBuilder.FirstLinks(manifest, Sign(manifest)), CustodyEventKinds.Sealed);
        WriteEvent(2, Finished.AddMinutes(-8), CustodyEventBuilder.NextLinks(1, first), CustodyEventKinds.Transfer);

        var result = Verify(new RecordingVerifier());

        result.Problems.Should().BeEmpty();
        result.Untrusted.Should().BeEmpty();
        result.Events.Should().HaveCount(2);
    }

    [Fact]
    public void An_event_more_than_five_minutes_before_the_previous_one_breaks_the_chain()
    {
        var (_, manifest) = WriteManifest();
        var first = WriteEvent(1, Finished.AddHours(1), CustodyEventBuilder.FirstLinks(manifest, Sign(manifest)), CustodyEventKinds.Sealed);
        WriteEvent(2, Finished.AddHours(1).AddMinutes(-6), CustodyEventBuilder.NextLinks(1, first), CustodyEventKinds.Transfer);

        var result = Verify(new RecordingVerifier());

        result.Problems.Should().ContainSingle().Which.Should().Contain("more than 5 minutes before custody/events/000001.json's time");
    }

    [Fact]
    public void A_trusted_timestamp_moves_the_time_the_signer_certificate_is_judged_at_to_its_gen_time()
    {
        var (_, manifest) = WriteManifest();
        WriteEvent(1, Finished, CustodyEventBuilder.FirstLinks(manifest, Sign(manifest)), CustodyEventKinds.Sealed);
        Write(CustodyPaths.Timestamp(1), [1, 2, 3]);
        var genTime = Finished.AddSeconds(3);
        var signatures = new RecordingVerifier();

        var result = Verify(signatures, new FixedTimestamps(genTime));

        result.Problems.Should().BeEmpty();
        signatures.Policies.Should().ContainSingle().Which.ValidationTime.Should().Be(genTime);
        result.Events[0].Timestamp!.GenTime.Should().Be(genTime);
    }

    [Fact]
    public void A_first_event_that_is_not_sealed_or_links_to_another_manifest_breaks_the_chain()
    {
        WriteManifest();
        WriteEvent(1, Finished, CustodyEventBuilder.FirstLinks("other"u8, "other.p7s"u8), CustodyEventKinds.Transfer);

        var result = Verify(new RecordingVerifier());

        result.Problems.Should().Contain(p => p.Contains("event 1 must be \"sealed\"", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("previous[0] says custody/manifest.json has SHA-256", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stray_file_among_the_events_breaks_the_chain()
    {
        var (_, manifest) = WriteManifest();
        WriteEvent(1, Finished, CustodyEventBuilder.FirstLinks(manifest, Sign(manifest)), CustodyEventKinds.Sealed);
        Write(BundleLayout.EventsDir + "/notes.txt", [0]);

        var result = Verify(new RecordingVerifier());

        result.Problems.Should().ContainSingle().Which.Should().Contain("'notes.txt' is not a custody event file");
    }

    public void Dispose() => _dir.Dispose();
}
