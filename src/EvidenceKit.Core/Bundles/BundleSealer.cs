using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// Seals a bundle whose payload is complete, crash-safe at every step. In order: the records file and payload manifest
/// (streamed, one record at a time); the other BagIt tag files; the custody manifest (bound to them by hash), signed and timestamped; VERIFY.txt; the sealed custody event 000001 that links
/// manifest, signature, timestamp and VERIFY.txt, signed; the tag manifest; every file fsynced and the directories
/// flushed. Only then is resume.json removed (the commit point), then the journal, and NAME.partial renamed to NAME.
/// A kill before the commit point leaves a .partial with resume.json, which <c>--resume</c> re-proves and seals again;
/// a kill after it leaves a .partial whose seal is complete (no resume.json, a tag manifest), which <c>--resume</c>
/// finishes by the rename alone, signing nothing new.
/// </summary>
public sealed class BundleSealer(ITargetStore store, TimeProvider time)
{
    /// <summary>Tag files a seal writes; a previous, interrupted seal's copies are removed before sealing again.</summary>
    private static readonly string[] TagFiles =
    [
        BundleLayout.BagitTxt, BundleLayout.BagInfoTxt, BundleLayout.PayloadManifest, BundleLayout.TagManifest, BundleLayout.VerifyTxt,
        BundleLayout.ManifestJson, BundleLayout.ManifestSignature, BundleLayout.ManifestTimestamp, BundleLayout.FileRecords,
    ];

    /// <summary>Writes the tag files, signs, and renames. Returns the manifest as written and what the user must know.</summary>
    /// <param name="input">The bundle and its manifest.</param>
    /// <param name="acquisitionLog">Detached here, so custody/collection.log is complete before it is hashed.</param>
    /// <param name="signer">Signs manifest.json and the sealed event (prosecution), or null.</param>
    /// <param name="timestamper">Timestamps the manifest's signature, or null.</param>
    /// <param name="timestampOptional">Seal without a timestamp when the authority fails (said in the manifest's notes).</param>
    /// <param name="cancellationToken">Stops before the commit point; after it the seal is finished.</param>
    /// <exception cref="TimestampException">The authority failed and a timestamp is required; resume.json is kept.</exception>
    public async Task<SealResult> SealAsync(SealInput input, IAcquisitionLog acquisitionLog, ISigner? signer,
        ITimestamper? timestamper, bool timestampOptional, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var dir = input.PartialDir;
        var manifest = input.Manifest;
        var warnings = new List<string>();
        var tagHashes = new List<(string Path, string Sha256)>();
        ClearPreviousSeal(dir);

        // The records stream from the journal (or the caller) into custody/files.jsonl and manifest-sha256.txt; none is held.
        var written = new RecordsFileWriter(store).Write(dir,
            input.Lines ?? (input.Records ?? manifest.Files).Select(RecordLine.From), cancellationToken);
        tagHashes.Add((BundleLayout.PayloadManifest, written.PayloadManifestSha256));
        tagHashes.Add((BundleLayout.FileRecords, written.Records.Sha256));
        var oxum = BagItText.PayloadOxum(written.Records.PayloadBytes, written.Records.Count);
        var bagInfo = BagItText.Utf8.GetBytes(BagItText.BagInfo(input.BagInfo.Concat(
        [
            new("Bagging-Date", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("Payload-Oxum", oxum),
            new("Bag-Software-Agent", $"{manifest.Tool.Name} {manifest.Tool.Version}"),
        ])));
        var bagit = BagItText.Utf8.GetBytes(BagItText.BagitTxt);

        Write(dir, BundleLayout.BagitTxt, bagit, tagHashes);
        Write(dir, BundleLayout.BagInfoTxt, bagInfo, tagHashes);

        acquisitionLog.Detach();
        var logPath = dir + "/" + BundleLayout.CollectionLog;
        if (store.GetLength(logPath) is null)
        {
            using var empty = store.Create(logPath);
            store.Flush(empty);
        }
        string logSha;
        using (var log = store.OpenRead(logPath))
        {
            logSha = Hex.Sha256(log);
        }
        tagHashes.Add((BundleLayout.CollectionLog, logSha));

        manifest = manifest with
        {
            Schema = CustodyManifest.CurrentSchema,
            Files = [],
            Records = written.Records,
            Bag = new BagRecord
            {
                BagitTxtSha256 = Hex.Sha256(bagit),
                BagInfoTxtSha256 = Hex.Sha256(bagInfo),
                ManifestSha256TxtSha256 = written.PayloadManifestSha256,
                CollectionLogSha256 = logSha,
                PayloadOxum = oxum,
            },
            Notes = signer is null ? manifest.Notes : [.. manifest.Notes, CustodyChainRules.ChainNote],
        };
        var manifestBytes = ManifestJson.ToUtf8(manifest);
        byte[]? signature = null;
        byte[]? token = null;
        if (signer is not null)
        {
            signature = signer.SignDetached(manifestBytes);
            if (timestamper is not null)
            {
                try
                {
                    token = await timestamper.TimestampAsync(signature, cancellationToken).ConfigureAwait(false);
                }
                catch (TimestampException e) when (timestampOptional)
                {
                    // The manifest then says so itself: signed again with the note, so the note is covered by the signature.
                    var note = $"no-timestamp: sealed without a trusted timestamp because the time-stamp authority failed ({e.Message}); the signing time is the examiner's own clock";
                    warnings.Add(note);
                    manifest = manifest with { Notes = [.. manifest.Notes, note] };
                    manifestBytes = ManifestJson.ToUtf8(manifest);
                    signature = signer.SignDetached(manifestBytes);
                }
            }
        }
        cancellationToken.ThrowIfCancellationRequested();

        Write(dir, BundleLayout.ManifestJson, manifestBytes, tagHashes);
        if (signature is not null)
        {
            Write(dir, BundleLayout.ManifestSignature, signature, tagHashes);
        }
        if (token is not null)
        {
            Write(dir, BundleLayout.ManifestTimestamp, token, tagHashes);
        }
        var fingerprint = signer is null ? null : Fingerprints.Colon(signer.Identity.CertificateSha256);
        var verifyTxt = BagItText.Utf8.GetBytes(VerifyInstructions.Render(signer is not null, fingerprint, token is not null));
        Write(dir, BundleLayout.VerifyTxt, verifyTxt, tagHashes);
        if (signer is not null)
        {
            WriteSealedEvent(dir, manifest, CustodyEventBuilder.SealedLinks(manifestBytes, signature!, token, verifyTxt), signer, tagHashes);
        }
        Write(dir, BundleLayout.TagManifest, BagItText.Utf8.GetBytes(BagItText.Manifest(tagHashes)), null);
        if (signer is not null)
        {
            store.FlushDirectory(dir + "/" + BundleLayout.EventsDir);
        }
        store.FlushDirectory(dir + "/" + BundleLayout.CustodyDir);
        store.FlushDirectory(dir);
        cancellationToken.ThrowIfCancellationRequested();

        // The commit point: from here on the .partial holds a complete seal and a resume only renames it.
        store.DeleteFile(dir + "/" + BundleLayout.ResumeInfo);
        store.FlushDirectory(dir);
        FinishSeal(dir, input.FinalDir);
        return new SealResult(manifest, warnings);
    }

    /// <summary>
    /// True when <paramref name="dir"/> is a .partial whose seal was complete when the run stopped: no resume.json any more,
    /// and a tag manifest written.
    /// </summary>
    public static bool SealIsComplete(ITargetStore store, string dir) =>
        !store.Exists(dir + "/" + BundleLayout.ResumeInfo) && store.GetLength(dir + "/" + BundleLayout.TagManifest) is not null;

    /// <summary>Removes the journal and renames a .partial whose seal is complete. Nothing is signed or rewritten.</summary>
    public void FinishSeal(string dir, string finalDir)
    {
        store.DeleteFile(dir + "/" + BundleLayout.Journal);
        store.FlushDirectory(dir);
        store.Move(dir, finalDir);
        store.FlushDirectory("");
    }

    /// <summary>Removes what an interrupted earlier seal wrote, so no stale file (a timestamp of an old signature) survives.</summary>
    private void ClearPreviousSeal(string dir)
    {
        foreach (var file in TagFiles)
        {
            store.DeleteFile(dir + "/" + file);
        }
        foreach (var entry in store.ListEntries(dir + "/" + BundleLayout.EventsDir))
        {
            if (entry.Kind == FileKind.Directory)
            {
                throw new UnsafeTargetEntryException($"{dir}/{BundleLayout.EventsDir}/{entry.Name}", "a directory where only event files belong");
            }
            store.DeleteFile($"{dir}/{BundleLayout.EventsDir}/{entry.Name}");
        }
    }

    /// <summary>Event 000001 "sealed": the examiner's own first link of the custody chain, signed with the same key.</summary>
    private void WriteSealedEvent(string dir, CustodyManifest manifest, IReadOnlyList<CustodyLink> links, ISigner signer,
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
        var sealedEvent = CustodyEventBuilder.Build(manifest.BundleId, 1, links, time.GetUtcNow(), details, signer.Identity, null);
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
