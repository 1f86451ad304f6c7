using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Host;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// Decides whether a copy a partial bundle's journal lists may be kept on resume. The journal line and the copy are
/// claims from an untrusted drive: a copy is kept only when the source path still names the same file (device, inode),
/// its first <c>size</c> bytes re-read from the source hash to the journal's SHA-256, and the copy on the target
/// re-hashes to the same. The kept record is rebuilt from the source as read now; nothing of the journal line but the
/// size and the hash it was checked against survives.
/// </summary>
internal sealed class ResumeProver(ISourceFiles source, ITargetStore store, CopyOptions options, AccountNames accounts)
{
    private const int BufferSize = 1 << 20;

    public ResumeProof Prove(FileRecord entry, PlannedFile file, string partial)
    {
        if (entry.Device is not { } device || entry.Inode is not { } inode || entry.Size < 0)
        {
            return ResumeProof.NotProven("the journal line does not identify the source file (device, inode, size)");
        }
        SourceStream opened;
        try
        {
            opened = source.OpenRead(file.HostPath);
        }
        catch (SourceFileException e)
        {
            return ResumeProof.NotProven($"the source cannot be read again ({e.Reason})");
        }
        using (opened)
        {
            var now = opened.AtOpen;
            if (now.Device != device || now.Inode != inode)
            {
                return ResumeProof.NotProven("the source path names another file than the one copied before the interruption");
            }
            if (now.Size < entry.Size)
            {
                return ResumeProof.NotProven($"the source is shorter ({now.Size} bytes) than the copy made before the interruption ({entry.Size})");
            }
            (string Sha256, string? Sha1, string? Md5, string? Sha512) hashes;
            try
            {
                hashes = HashPrefix(opened.Stream, entry.Size);
            }
            catch (IOException e)
            {
                return ResumeProof.NotProven($"the source cannot be read again ({e.Message})");
            }
            if (hashes.Sha256 != entry.Sha256)
            {
                return ResumeProof.NotProven($"the source's first {entry.Size} bytes no longer hash to the SHA-256 the journal lists");
            }
            var copy = HashCopy(partial + "/" + file.BagPath, entry.Size);
            if (copy != entry.Sha256)
            {
                return ResumeProof.NotProven(copy is null
                    ? "the copy on the target is missing, not a regular file, or of another size"
                    : "the copy on the target does not hash to the source's bytes");
            }
            var notes = new List<string> { "resumed: copied before an interruption; on resume the source's bytes were read again and the copy re-hashed, both match" };
            if (now.Size > entry.Size)
            {
                notes.Add($"grew-since-copy: {now.Size} bytes at resume; the first {entry.Size}, copied before the interruption, were collected");
            }
            return ResumeProof.Proven(FileRecords.Build(file, now, accounts, entry.Size, hashes, options.Verify ? copy : null,
                opened.AtimePreserved && entry.AtimePreserved == true, notes));
        }
    }

    private (string, string?, string?, string?) HashPrefix(Stream stream, long size)
    {
        using var hasher = new MultiHasher(options.LegacyHashes);
        var buffer = new byte[(int)Math.Min(BufferSize, Math.Max(size, 1))];
        long done = 0;
        while (done < size)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, size - done));
            if (read == 0)
            {
                throw new IOException($"the source ended after {done} bytes");
            }
            hasher.Append(buffer.AsSpan(0, read));
            done += read;
        }
        return hasher.Finish();
    }

    private string? HashCopy(string path, long size)
    {
        try
        {
            if (store.GetLength(path) != size)
            {
                return null;
            }
            store.DropCache(path);
            using var copy = store.OpenRead(path);
            return Hex.Sha256(copy);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not TargetConnectionLostException)
        {
            return null;
        }
    }
}
