using System.Buffers;
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
            var notes = new List<string>();
            long copied;
            (string Sha256, string? Sha1, string? Md5, string? Sha512) hashes;
            try
            {
                _directories.Ensure(targetPath[..targetPath.LastIndexOf('/')]);
                (copied, hashes) = Stream(opened.Stream, atOpen.Size, targetPath, cancellationToken);
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
                notes.Add($"truncated-during-copy: {atOpen.Size} bytes at open, {copied} read");
            }
            var after = SafeStat(file.HostPath);
            if (after is null)
            {
                notes.Add("removed-during-copy");
            }
            else if (after.Inode != atOpen.Inode || after.Device != atOpen.Device)
            {
                notes.Add($"replaced-during-copy: the path now names another file ({after.Size} bytes); the bytes are those of the file opened");
            }
            else if (after.Size > copied)
            {
                notes.Add($"grew-during-copy: {atOpen.Size} bytes at open, {after.Size} after; the first {copied} were collected");
            }
            else if (after.Size < copied)
            {
                notes.Add($"truncated-during-copy: {after.Size} bytes after copy, {copied} collected");
            }
            if (file.AtPlan.Inode is { } plannedInode && atOpen.Inode is { } openInode
                && (plannedInode != openInode || file.AtPlan.Device != atOpen.Device))
            {
                notes.Add("replaced-before-copy: the file opened is not the one planned");
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

            return FileOutcome.Ok(FileRecords.Build(file, atOpen, accounts, copied, hashes, verified, opened.AtimePreserved, notes));
        }
    }

    private (long Copied, (string, string?, string?, string?) Hashes) Stream(Stream input, long limit, string targetPath, CancellationToken ct)
    {
        using var hasher = new MultiHasher(options.LegacyHashes);
        Stream output;
        try
        {
            output = store.Create(targetPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not TargetConnectionLostException)
        {
            throw new TargetWriteException($"Cannot create {targetPath} on the target: {e.Message}", e);
        }

        var size = (int)Math.Min(options.BufferSize, Math.Max(limit, 4096));
        var buffers = new[] { ArrayPool<byte>.Shared.Rent(size), ArrayPool<byte>.Shared.Rent(size) };
        long copied = 0;
        var current = 0;
        Task pending = Task.CompletedTask;
        try
        {
            using (output)
            {
                while (copied < limit)
                {
                    ct.ThrowIfCancellationRequested();
                    var want = (int)Math.Min(size, limit - copied);
                    int read;
                    try
                    {
                        read = input.Read(buffers[current], 0, want);
                    }
                    catch (IOException e)
                    {
                        throw new SourceFileException(targetPath, $"read error after {copied} bytes: {e.Message}", SourceFault.IoError, e);
                    }
                    if (read == 0)
                    {
                        break;
                    }
                    // The hash is taken from the bytes as read, before they are handed to the target.
                    hasher.Append(buffers[current].AsSpan(0, read));
                    Await(pending, targetPath);
                    var buffer = buffers[current];
                    pending = size >= 256 * 1024
                        ? Task.Run(() => output.Write(buffer, 0, read), CancellationToken.None)
                        : WriteNow(output, buffer, read);
                    copied += read;
                    current ^= 1;
                }
                Await(pending, targetPath);
                try
                {
                    if (options.Verify)
                    {
                        store.Flush(output);
                    }
                }
                catch (IOException e) when (e is not TargetConnectionLostException)
                {
                    throw new TargetWriteException($"Cannot flush {targetPath} on the target: {e.Message}", e);
                }
            }
        }
        catch (Exception e) when (e is IOException and not SourceFileException and not TargetWriteException and not TargetConnectionLostException)
        {
            throw new TargetWriteException($"Writing {targetPath} to the target failed: {e.Message}", e);
        }
        finally
        {
            try
            {
                pending.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Already reported through Await.
            }
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
        return (copied, hasher.Finish());
    }

    private static Task WriteNow(Stream output, byte[] buffer, int count)
    {
        output.Write(buffer, 0, count);
        return Task.CompletedTask;
    }

    private static void Await(Task pending, string targetPath)
    {
        try
        {
            pending.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException && e is not TargetConnectionLostException)
        {
            throw new TargetWriteException($"Writing {targetPath} to the target failed: {e.Message}", e);
        }
    }

    private string ReadBack(string targetPath)
    {
        try
        {
            store.DropCache(targetPath);
            using var copy = store.OpenRead(targetPath);
            return Hex.Sha256(copy);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not TargetConnectionLostException)
        {
            throw new TargetWriteException($"Cannot read back {targetPath} from the target: {e.Message}", e);
        }
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
