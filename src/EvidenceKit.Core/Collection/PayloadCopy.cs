using System.Buffers;
using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// Moves the bytes of one opened source file to a new file in the bag and hashes exactly those bytes. A file that fits
/// in one buffer is read, hashed and written in one piece (no task, thread, lock or incremental hash); a larger one is
/// read chunk by chunk while <see cref="OverlappedHasher"/> hashes each chunk on another core as it is written.
/// </summary>
internal sealed class PayloadCopy(ITargetStore store, CopyOptions options)
{
    /// <summary>Chunks read ahead of the hash: one being read, one being hashed and written, one spare.</summary>
    private const int Ring = 3;

    /// <summary>Copies at most <paramref name="limit"/> bytes (the size at open) of <paramref name="input"/> to <paramref name="targetPath"/>.</summary>
    /// <exception cref="SourceFileException">The source failed to read.</exception>
    /// <exception cref="TargetWriteException">The target failed.</exception>
    public (long Copied, (string Sha256, string? Sha1, string? Md5, string? Sha512) Hashes) Copy(
        Stream input, long limit, string targetPath, CancellationToken cancellationToken)
    {
        Stream output;
        try
        {
            output = store.Create(targetPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not TargetConnectionLostException)
        {
            throw new TargetWriteException($"Cannot create {targetPath} on the target: {e.Message}", e);
        }

        try
        {
            using (output)
            {
                var result = limit <= options.BufferSize
                    ? Whole(input, (int)limit, output, targetPath, cancellationToken)
                    : Chunked(input, limit, output, targetPath, cancellationToken);
                if (options.Verify)
                {
                    store.Flush(output);
                }
                return result;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException
            && e is not SourceFileException and not TargetWriteException and not TargetConnectionLostException)
        {
            throw new TargetWriteException($"Writing {targetPath} to the target failed: {e.Message}", e);
        }
    }

    private (long, (string, string?, string?, string?)) Whole(Stream input, int limit, Stream output, string targetPath, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        options.ReadRate?.Acquire(limit, ct);
        var buffer = ArrayPool<byte>.Shared.Rent(limit);
        try
        {
            var copied = 0;
            while (copied < limit)
            {
                var read = Read(input, buffer, copied, limit - copied, copied, targetPath);
                if (read == 0)
                {
                    break;
                }
                copied += read;
            }
            // The hash is taken from the bytes as read, before they are handed to the target.
            var hashes = MultiHasher.HashOnce(buffer.AsSpan(0, copied), options.LegacyHashes);
            output.Write(buffer, 0, copied);
            return (copied, hashes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private (long, (string, string?, string?, string?)) Chunked(Stream input, long limit, Stream output, string targetPath, CancellationToken ct)
    {
        using var hasher = new MultiHasher(options.LegacyHashes);
        var size = options.BufferSize;
        var ring = new byte[Ring][];
        for (var i = 0; i < Ring; i++)
        {
            ring[i] = ArrayPool<byte>.Shared.Rent(size);
        }
        long copied = 0;
        var overlapped = new OverlappedHasher(hasher);
        try
        {
            using (overlapped)
            {
                for (var chunk = 0; copied < limit; chunk++)
                {
                    ct.ThrowIfCancellationRequested();
                    var buffer = ring[chunk % Ring];
                    // The buffer held the chunk read Ring reads ago: it is reused only once that chunk is hashed.
                    overlapped.WaitUntilBehind(Ring - 1);
                    var want = (int)Math.Min(size, limit - copied);
                    if (options.ReadRate is { } rate)
                    {
                        want = rate.ChunkSize(want);
                        rate.Acquire(want, ct);
                    }
                    var read = Read(input, buffer, 0, want, copied, targetPath);
                    if (read == 0)
                    {
                        break;
                    }
                    // The hash and the target see the same buffer, which nothing changes until both are done with it.
                    overlapped.Post(buffer, read);
                    output.Write(buffer, 0, read);
                    copied += read;
                }
                overlapped.WaitUntilBehind(0);
            }
        }
        finally
        {
            foreach (var buffer in ring)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        overlapped.ThrowIfFailed();
        return (copied, hasher.Finish());
    }

    private static int Read(Stream input, byte[] buffer, int offset, int count, long copied, string targetPath)
    {
        try
        {
            return input.Read(buffer, offset, count);
        }
        catch (IOException e)
        {
            throw new SourceFileException(targetPath, $"read error after {copied} bytes: {e.Message}", SourceFault.IoError, e);
        }
    }
}
