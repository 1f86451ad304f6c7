using System.IO.Abstractions;
using System.Text.Json;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Custody;

/// <summary>
/// Appends one signed event to a sealed bundle's custody chain. It writes the new event files
/// (NNNNNN.json, .json.p7s and, with a time-stamp authority, .json.p7s.tsr) and replaces tagmanifest-sha256.txt;
/// nothing else in the bundle is touched. Every read and write goes through the bundle writer
/// (<see cref="ITargetStore"/> on the bundle directory): no link is followed, only regular files are read, and the files
/// appear in an order that leaves a verifiable bundle at every instant (<see cref="CustodyAddFiles"/>).
/// The caller verifies the bundle first.
/// </summary>
/// <param name="fileSystem">Where the bundle path is resolved and checked to be a directory.</param>
/// <param name="stores">Opens the bundle writer on the bundle directory (directory handles on Linux).</param>
/// <param name="time">The clock the event's time is read from.</param>
public sealed class CustodyEventAppender(IFileSystem fileSystem, ITargetStoreFactory stores, TimeProvider time)
{

    /// <summary>Signs and appends the next event.</summary>
    /// <param name="bundlePath">The sealed bundle directory.</param>
    /// <param name="details">What happened, by whom.</param>
    /// <param name="signer">The actor's key; its certificate's fingerprint goes into the event.</param>
    /// <param name="verification">The result of verifying the bundle just before.</param>
    /// <param name="timestamper">Timestamps the event's signature, or null.</param>
    /// <param name="cancellationToken">Stops before anything is written.</param>
    /// <exception cref="CustodyException">The bundle is not a sealed signed bundle, cannot be read, or changed meanwhile.</exception>
    /// <exception cref="TimestampException">The time-stamp authority failed; nothing was written.</exception>
    public async Task<AppendedCustodyEvent> AppendAsync(string bundlePath, CustodyEventDetails details, ISigner signer,
        CustodyVerificationRecord? verification, ITimestamper? timestamper, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(signer);
        if (!CustodyEventKinds.Addable.Contains(details.Kind))
        {
            throw CustodyErrors.UnknownKind(details.Kind);
        }
        var root = fileSystem.Path.GetFullPath(bundlePath);
        if (root.TrimEnd('/').EndsWith(BundleLayout.PartialSuffix, StringComparison.Ordinal) || !fileSystem.Directory.Exists(root))
        {
            throw CustodyErrors.NotSealed(bundlePath);
        }
        using var store = stores.OpenDirectory(root);
        var files = new CustodyAddFiles(store);

        byte[] manifestBytes;
        byte[] manifestSignature;
        CustodyManifest manifest;
        List<(string Path, string Sha256)> tagLines;
        int last;
        byte[]? lastEvent = null;
        var reading = BundleLayout.ManifestSignature;
        try
        {
            if (store.GetLength(BundleLayout.ManifestSignature) is null)
            {
                throw CustodyErrors.Unsigned(bundlePath);
            }
            reading = BundleLayout.ManifestJson;
            manifestBytes = BoundedTargetReads.ReadAll(store, BundleLayout.ManifestJson, MaxManifestBytes);
            manifest = ManifestJson.FromUtf8<CustodyManifest>(manifestBytes);
            reading = BundleLayout.ManifestSignature;
            manifestSignature = BoundedTargetReads.ReadAll(store, BundleLayout.ManifestSignature, (int)CustodyChainRules.MaxSignatureBytes);
            reading = BundleLayout.TagManifest;
            tagLines = files.ReadTagManifest();
            reading = BundleLayout.EventsDir;
            files.RemoveLeftovers(tagLines.Select(l => l.Path).ToHashSet(StringComparer.Ordinal));
            last = files.LastSequence();
            if (last > 0)
            {
                reading = CustodyPaths.Event(last);
                lastEvent = BoundedTargetReads.ReadAll(store, CustodyPaths.Event(last), (int)CustodyChainRules.MaxEventBytes);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or JsonException)
        {
            throw CustodyErrors.Unreadable(bundlePath, reading, e);
        }
        if (last >= CustodyPaths.MaxSequence)
        {
            throw CustodyErrors.Full(bundlePath);
        }
        var links = lastEvent is null
            ? CustodyEventBuilder.FirstLinks(manifestBytes, manifestSignature)
            : CustodyEventBuilder.NextLinks(last, lastEvent);

        var sequence = last + 1;
        var custodyEvent = CustodyEventBuilder.Build(manifest.BundleId, sequence, links, time.GetUtcNow(), details, signer.Identity, verification);
        var eventBytes = ManifestJson.ToUtf8(custodyEvent);
        var signature = signer.SignDetached(eventBytes);
        byte[]? token = null;
        if (timestamper is not null)
        {
            token = await timestamper.TimestampAsync(signature, cancellationToken).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();

        bool published;
        try
        {
            published = files.Publish(sequence, eventBytes, signature, token, tagLines);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CustodyErrors.WriteFailed(bundlePath, e);
        }
        if (!published)
        {
            throw CustodyErrors.Raced(bundlePath, CustodyPaths.Event(sequence));
        }
        return new AppendedCustodyEvent(custodyEvent, CustodyPaths.Event(sequence), Hex.Sha256(eventBytes), token is not null);
    }

    private const int MaxManifestBytes = int.MaxValue - 64;
}
