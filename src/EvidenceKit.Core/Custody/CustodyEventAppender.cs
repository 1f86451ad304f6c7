using System.IO.Abstractions;
using System.Text.Json;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Custody;

/// <summary>
/// Appends one signed event to a sealed bundle's custody chain. It writes the new event files
/// (NNNNNN.json, .json.p7s and, with a time-stamp authority, .json.p7s.tsr) and rewrites tagmanifest-sha256.txt;
/// nothing else in the bundle is touched. The caller verifies the bundle first.
/// </summary>
public sealed class CustodyEventAppender(IFileSystem fileSystem, TimeProvider time)
{
    private const int MaxLineBytes = 64 * 1024;
    private const int Sha256HexDigits = 64;

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
        var reader = new BundleReader(fileSystem, root);
        if (!fileSystem.File.Exists(reader.FullPath(BundleLayout.ManifestSignature)))
        {
            throw CustodyErrors.Unsigned(bundlePath);
        }

        byte[] manifestBytes;
        byte[] manifestSignature;
        CustodyManifest manifest;
        try
        {
            manifestBytes = reader.ReadAllBytes(BundleLayout.ManifestJson, 256L * 1024 * 1024);
            manifestSignature = reader.ReadAllBytes(BundleLayout.ManifestSignature, CustodyChainRules.MaxSignatureBytes);
            manifest = ManifestJson.FromUtf8<CustodyManifest>(manifestBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BundleReaderException or JsonException)
        {
            throw CustodyErrors.Unreadable(bundlePath, BundleLayout.ManifestJson, e);
        }

        var last = LastSequence(reader);
        if (last >= CustodyPaths.MaxSequence)
        {
            throw CustodyErrors.Full(bundlePath);
        }
        IReadOnlyList<CustodyLink> links;
        if (last == 0)
        {
            links = CustodyEventBuilder.FirstLinks(manifestBytes, manifestSignature);
        }
        else
        {
            try
            {
                links = CustodyEventBuilder.NextLinks(last, reader.ReadAllBytes(CustodyPaths.Event(last), CustodyChainRules.MaxEventBytes));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or BundleReaderException)
            {
                throw CustodyErrors.Unreadable(bundlePath, CustodyPaths.Event(last), e);
            }
        }

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

        var written = new List<(string Path, string Sha256)>();
        fileSystem.Directory.CreateDirectory(reader.FullPath(BundleLayout.EventsDir));
        Write(reader, bundlePath, CustodyPaths.Event(sequence), eventBytes, written);
        Write(reader, bundlePath, CustodyPaths.Signature(sequence), signature, written);
        if (token is not null)
        {
            Write(reader, bundlePath, CustodyPaths.Timestamp(sequence), token, written);
        }
        RewriteTagManifest(reader, bundlePath, written);
        return new AppendedCustodyEvent(custodyEvent, CustodyPaths.Event(sequence), Hex.Sha256(eventBytes), token is not null);
    }

    private int LastSequence(BundleReader reader)
    {
        var dir = reader.FullPath(BundleLayout.EventsDir);
        if (!fileSystem.Directory.Exists(dir))
        {
            return 0;
        }
        return fileSystem.Directory.EnumerateFiles(dir)
            .Select(f => CustodyPaths.Parse(fileSystem.Path.GetFileName(f)))
            .Where(p => p is { Role: CustodyFileRole.Event })
            .Select(p => p!.Value.Sequence)
            .DefaultIfEmpty(0)
            .Max();
    }

    private void Write(BundleReader reader, string bundlePath, string bagPath, byte[] bytes, List<(string, string)> written)
    {
        try
        {
            // CreateNew: two people adding at once must not overwrite each other's event.
            using var stream = fileSystem.FileStream.New(reader.FullPath(bagPath), FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        catch (IOException) when (fileSystem.File.Exists(reader.FullPath(bagPath)))
        {
            throw CustodyErrors.Raced(bundlePath, bagPath);
        }
        written.Add((bagPath, Hex.Sha256(bytes)));
    }

    private void RewriteTagManifest(BundleReader reader, string bundlePath, List<(string Path, string Sha256)> added)
    {
        IReadOnlyList<BundleReaderManifestLine> lines;
        try
        {
            lines = reader.ReadManifest(BundleLayout.TagManifest, Sha256HexDigits, MaxLineBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BundleReaderException)
        {
            throw CustodyErrors.Unreadable(bundlePath, BundleLayout.TagManifest, e);
        }
        var entries = lines.Select(l => (l.Path, l.Hash)).Where(e => !added.Any(a => a.Path == e.Path)).Concat(added);
        var text = BagItText.Utf8.GetBytes(BagItText.Manifest(entries));
        var target = reader.FullPath(BundleLayout.TagManifest);
        var temporary = target + ".new";
        using (var stream = fileSystem.FileStream.New(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(text);
            stream.Flush(flushToDisk: true);
        }
        fileSystem.File.Move(temporary, target, overwrite: true);
    }
}
