using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// Seals a bundle whose payload is complete: writes the BagIt tag files, the custody manifest (bound to the tag
/// files by their hashes), its signature and timestamp, VERIFY.txt and the tag manifest, removes the journal, and
/// only then renames NAME.partial to NAME, so a half-written bundle can never pass for a whole one.
/// </summary>
public sealed class BundleSealer(ITargetStore store, TimeProvider time)
{
    /// <summary>Writes the tag files, signs, and renames. Returns the manifest as written.</summary>
    /// <param name="input">The bundle and its manifest.</param>
    /// <param name="acquisitionLog">Detached here, so custody/collection.log is complete before it is hashed.</param>
    /// <param name="signer">Signs manifest.json (prosecution), or null.</param>
    /// <param name="timestamper">Timestamps the signature, or null.</param>
    /// <param name="timestampOptional">Seal without a timestamp when the authority fails.</param>
    /// <param name="cancellationToken">Stops before the rename.</param>
    public async Task<CustodyManifest> SealAsync(SealInput input, IAcquisitionLog acquisitionLog, ISigner? signer,
        ITimestamper? timestamper, bool timestampOptional, CancellationToken cancellationToken)
    {
        var dir = input.PartialDir;
        var manifest = input.Manifest;
        var tagHashes = new List<(string Path, string Sha256)>();

        var payloadManifest = BagItText.Utf8.GetBytes(BagItText.Manifest(manifest.Files.Select(f => (f.BagPath, f.Sha256))));
        var oxum = BagItText.PayloadOxum(manifest.Files.Sum(f => f.Size), manifest.Files.Count);
        var bagInfo = BagItText.Utf8.GetBytes(BagItText.BagInfo(input.BagInfo.Concat(
        [
            new("Bagging-Date", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("Payload-Oxum", oxum),
            new("Bag-Software-Agent", $"{manifest.Tool.Name} {manifest.Tool.Version}"),
        ])));
        var bagit = BagItText.Utf8.GetBytes(BagItText.BagitTxt);

        Write(dir, BundleLayout.PayloadManifest, payloadManifest, tagHashes);
        Write(dir, BundleLayout.BagitTxt, bagit, tagHashes);
        Write(dir, BundleLayout.BagInfoTxt, bagInfo, tagHashes);

        acquisitionLog.Detach();
        var logPath = dir + "/" + BundleLayout.CollectionLog;
        if (store.GetLength(logPath) is null)
        {
            using var empty = store.Create(logPath);
        }
        string logSha;
        using (var log = store.OpenRead(logPath))
        {
            logSha = Hex.Sha256(log);
        }
        tagHashes.Add((BundleLayout.CollectionLog, logSha));

        manifest = manifest with
        {
            Bag = new BagRecord
            {
                BagitTxtSha256 = Hex.Sha256(bagit),
                BagInfoTxtSha256 = Hex.Sha256(bagInfo),
                ManifestSha256TxtSha256 = Hex.Sha256(payloadManifest),
                CollectionLogSha256 = logSha,
                PayloadOxum = oxum,
            },
            Notes = signer is null ? manifest.Notes : [.. manifest.Notes, CustodyChainRules.ChainNote],
        };
        var manifestBytes = ManifestJson.ToUtf8(manifest);
        Write(dir, BundleLayout.ManifestJson, manifestBytes, tagHashes);

        var timestamped = false;
        if (signer is not null)
        {
            var signature = signer.SignDetached(manifestBytes);
            Write(dir, BundleLayout.ManifestSignature, signature, tagHashes);
            if (timestamper is not null)
            {
                try
                {
                    var token = await timestamper.TimestampAsync(signature, cancellationToken).ConfigureAwait(false);
                    Write(dir, BundleLayout.ManifestTimestamp, token, tagHashes);
                    timestamped = true;
                }
                catch (TimestampException) when (timestampOptional)
                {
                    // Sealed without a trusted time; the caller logs it.
                }
            }
            WriteSealedEvent(dir, manifest, manifestBytes, signature, signer, tagHashes);
        }

        var fingerprint = signer is null ? null : Fingerprints.Colon(signer.Identity.CertificateSha256);
        Write(dir, BundleLayout.VerifyTxt, BagItText.Utf8.GetBytes(VerifyInstructions.Render(signer is not null, fingerprint, timestamped)), tagHashes);
        Write(dir, BundleLayout.TagManifest, BagItText.Utf8.GetBytes(BagItText.Manifest(tagHashes)), null);

        cancellationToken.ThrowIfCancellationRequested();
        if (store.GetLength(dir + "/" + BundleLayout.Journal) is not null)
        {
            store.DeleteFile(dir + "/" + BundleLayout.Journal);
        }
        if (store.GetLength(dir + "/" + BundleLayout.ResumeInfo) is not null)
        {
            store.DeleteFile(dir + "/" + BundleLayout.ResumeInfo);
        }
        store.Move(dir, input.FinalDir);
        return manifest;
    }

    /// <summary>Event 000001 "sealed": the examiner's own first link of the custody chain, signed with the same key.</summary>
    private void WriteSealedEvent(string dir, CustodyManifest manifest, byte[] manifestBytes, byte[] signature, ISigner signer,
        List<(string, string)> tagHashes)
    {
        var details = new CustodyEventDetails(
            CustodyEventKinds.Sealed,
            manifest.Examiner?.Name ?? signer.Identity.Subject,
            manifest.Examiner?.Organization,
            From: $"host {manifest.Host.Hostname}",
            To: manifest.Examiner?.Name,
            Purpose: manifest.Case.Reason ?? $"collection for case {manifest.Case.Id}",
            Medium: $"{manifest.Target.Kind} {manifest.Target.Location}{(manifest.Target.FileSystem is { } fs ? $" ({fs})" : "")}");
        var sealedEvent = CustodyEventBuilder.Build(manifest.BundleId, 1,
            CustodyEventBuilder.FirstLinks(manifestBytes, signature), time.GetUtcNow(), details, signer.Identity, null);
        var eventBytes = ManifestJson.ToUtf8(sealedEvent);
        store.CreateDirectory(dir + "/" + BundleLayout.EventsDir);
        Write(dir, CustodyPaths.Event(1), eventBytes, tagHashes);
        Write(dir, CustodyPaths.Signature(1), signer.SignDetached(eventBytes), tagHashes);
    }

    private void Write(string dir, string relative, byte[] bytes, List<(string, string)>? hashes)
    {
        using (var stream = store.Create(dir + "/" + relative))
        {
            stream.Write(bytes);
            store.Flush(stream);
        }
        hashes?.Add((relative, Hex.Sha256(bytes)));
    }
}
