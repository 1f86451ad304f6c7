using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Host;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// Copies one source file into the bag: opens it read-only once, reads exactly the bytes it had when opened,
/// hashes those bytes as they pass to the target, and compares the file before and after to notice a live
/// log that grew, shrank or was rotated meanwhile. In prosecution mode the copy is fsynced and read back.
/// </summary>
public sealed class CopyEngine(ISourceFiles source, ITargetStore store, CopyOptions options, AccountNames accounts)
{
    private readonly DirectoryCache _directories = new(store);
    private readonly PayloadCopy _payload = new(store, options);

    /// <summary>Copies <paramref name="file"/> to <paramref name="bundleDir"/>/<c>BagPath</c>.</summary>
    /// <exception cref="TargetWriteException">The target failed; the run must stop.</exception>
    public FileOutcome Copy(PlannedFile file, string bundleDir, CancellationToken cancellationToken)
    {
        SourceStream opened;
        try
        {
            opened = source.OpenRead(file.HostPath);
        }
        catch (SourceFileException e)
        {
            return Fail(file, e);
        }

        using (opened)
        {
            var atOpen = opened.AtOpen;
            var targetPath = bundleDir + "/" + file.BagPath;
            List<string>? notes = null;
            long copied;
            (string Sha256, string? Sha1, string? Md5, string? Sha512) hashes;
            try
            {
                _directories.Ensure(targetPath[..targetPath.LastIndexOf('/')]);
                (copied, hashes) = _payload.Copy(opened.Stream, atOpen.Size, targetPath, cancellationToken);
            }
            catch (SourceFileException e)
            {
                TryDelete(targetPath);
                return Fail(file, e);
            }
            catch (TargetWriteException)
            {
                // A half copy is worth nothing (the journal does not list it) and, on a full target, takes space.
                TryDelete(targetPath);
                throw;
            }

            if (copied < atOpen.Size)
            {
                (notes ??= []).Add($"truncated-during-copy: {atOpen.Size} bytes at open, {copied} read");
            }
            var after = SafeStat(file.HostPath);
            if (after is null)
            {
                (notes ??= []).Add("removed-during-copy");
            }
            else if (after.Inode != atOpen.Inode || after.Device != atOpen.Device)
            {
                (notes ??= []).Add($"replaced-during-copy: the path now names another file ({after.Size} bytes); the bytes are those of the file opened");
            }
            else if (after.Size > copied)
            {
                (notes ??= []).Add($"grew-during-copy: {atOpen.Size} bytes at open, {after.Size} after; the first {copied} were collected");
            }
            else if (after.Size < copied)
            {
                (notes ??= []).Add($"truncated-during-copy: {after.Size} bytes after copy, {copied} collected");
            }
            if (file.AtPlan.Inode is { } plannedInode && atOpen.Inode is { } openInode
                && (plannedInode != openInode || file.AtPlan.Device != atOpen.Device))
            {
                (notes ??= []).Add("replaced-before-copy: the file opened is not the one planned");
            }

            string? verified = null;
            if (options.Verify)
            {
                verified = ReadBack(targetPath);
                if (!string.Equals(verified, hashes.Sha256, StringComparison.Ordinal))
                {
                    return Fail(file, SkipOutcome.CopyMismatch, $"copy verification failed: source SHA-256 {hashes.Sha256}, copy re-read as {verified}");
                }
            }

            return FileOutcome.Ok(FileRecords.Build(file, atOpen, accounts, copied, hashes, verified, opened.AtimePreserved, notes ?? (IReadOnlyList<string>)[]));
        }
    }

    private string ReadBack(string targetPath)
    {
        try
        {
            store.DropCache(targetPath);
            using var copy = store.OpenRead(targetPath);
            return Sha256Of(copy);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not TargetConnectionLostException)
        {
            throw new TargetWriteException($"Cannot read back {targetPath} from the target: {e.Message}", e);
        }
    }

    /// <summary>SHA-256 of the copy read in chunks of the copy's own buffer size (a 4 KiB read per call would cost 256 reads a MiB).</summary>
    private string Sha256Of(Stream copy)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(options.BufferSize);
        try
        {
            int read;
            while ((read = copy.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        return Hex.Lower(hash.GetHashAndReset());
    }

    private void TryDelete(string targetPath)
    {
        try
        {
            store.DeleteFile(targetPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The journal does not list it, so a resume copies it again.
        }
    }

    private SourceFileInfo? SafeStat(string path)
    {
        try
        {
            return source.Stat(path);
        }
        catch (SourceFileException)
        {
            return null;
        }
    }

    private static FileOutcome Fail(PlannedFile file, SourceFileException e) => Fail(file, NotCollected.From(e.Fault), e.Reason);

    private static FileOutcome Fail(PlannedFile file, SkipOutcome outcome, string reason) =>
        FileOutcome.Failed(NotCollected.Record(file.HostPath, outcome, reason, file.Target));
}
