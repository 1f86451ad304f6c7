using System.Security.Cryptography;
using System.Text.Json;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Text;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Verification.Records;

/// <summary>
/// Reads a v3 records file (custody/files.jsonl) through the snapshot as a stream, one record a line, with bounded
/// memory whatever the file holds: it is opened only when the snapshot listed it as a regular file of the length the
/// manifest binds (a FIFO or device is never opened), no line may exceed <see cref="BagLimits.ManifestJsonBytesPerFile"/>,
/// no more lines are read than the manifest counts, and the SHA-256 of every byte read is compared with the manifest's
/// at the end. Whatever is wrong is a problem in words; reading stops at the first problem that makes the rest
/// meaningless (an overlong line, one line too many).
/// </summary>
internal sealed class RecordsFileReader(BagSnapshot snapshot, RecordsFileRecord section)
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>What a pass found wrong with the file itself (not with the records' content).</summary>
    public List<string> Problems { get; } = [];

    /// <summary>
    /// The SHA-256 (lower-case hex) of the whole file as read to its end through the snapshot, at the length the walk
    /// listed; null until then, or when reading stopped early. The tag manifest's line for it is judged by this
    /// digest, so the file is not read a second time for it.
    /// </summary>
    public string? Sha256 { get; private set; }

    /// <summary>Checks the section against the snapshot before anything is opened; false when the file must not be read.</summary>
    public bool CanRead()
    {
        if (section.Path != BundleLayout.FileRecords)
        {
            Problems.Add($"records.path is {CheckList.Show(section.Path)}; a v3 manifest's records are in {BundleLayout.FileRecords}");
            return false;
        }
        if (snapshot.NotReadable(BundleLayout.FileRecords) is { } problem)
        {
            Problems.Add(problem + ", but the manifest binds it");
            return false;
        }
        var maxCount = snapshot.Limits.PayloadManifestLines(snapshot.PayloadFileCount);
        if (section.Count < 0 || section.Count > maxCount)
        {
            Problems.Add($"records.count says {section.Count} records, but data/ holds {snapshot.PayloadFileCount} files; it was not read");
            return false;
        }
        var length = snapshot.Find(BundleLayout.FileRecords)!.Length;
        if (length != section.Length)
        {
            Problems.Add($"{BundleLayout.FileRecords} is {length} bytes, records.length says {section.Length}; it was not read");
            return false;
        }
        if (length > section.Count * snapshot.Limits.ManifestJsonBytesPerFile)
        {
            Problems.Add($"{BundleLayout.FileRecords} is {length} bytes, more than {section.Count} records can take; it was not read");
            return false;
        }
        return true;
    }

    /// <summary>
    /// Every line as a record (null with a problem when a line is not one), numbered from 1. Call <see cref="CanRead"/>
    /// first. When the enumeration ends, <see cref="Problems"/> says whether count and SHA-256 matched.
    /// </summary>
    public IEnumerable<(long Line, FileRecord? Record, string? Problem)> Read(CancellationToken cancellationToken)
    {
        var maxLine = (int)snapshot.Limits.ManifestJsonBytesPerFile;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = snapshot.Open(snapshot.Find(BundleLayout.FileRecords)!);
        var chunk = new byte[ChunkBytes];
        var line = new byte[maxLine];
        var lineLength = 0;
        var number = 0L;
        int read;
        var bytesRead = 0L;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            hash.AppendData(chunk, 0, read);
            bytesRead += read;
            var pos = 0;
            while (pos < read)
            {
                var end = chunk.AsSpan(pos, read - pos).IndexOf((byte)'\n');
                var take = end < 0 ? read - pos : end;
                if (lineLength + take > maxLine)
                {
                    Problems.Add($"{BundleLayout.FileRecords} line {number + 1} is longer than {maxLine} bytes; reading stopped there");
                    yield break;
                }
                chunk.AsSpan(pos, take).CopyTo(line.AsSpan(lineLength));
                lineLength += take;
                if (end < 0)
                {
                    break;
                }
                pos += end + 1;
                if (++number > section.Count)
                {
                    Problems.Add($"{BundleLayout.FileRecords} holds more than the {section.Count} records the manifest counts; reading stopped there");
                    yield break;
                }
                if ((number & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                yield return Parse(number, line.AsSpan(0, lineLength));
                lineLength = 0;
            }
        }
        if (lineLength > 0)
        {
            Problems.Add($"{BundleLayout.FileRecords} ends without a line feed (line {number + 1} is cut off)");
            yield break;
        }
        if (number != section.Count)
        {
            Problems.Add($"{BundleLayout.FileRecords} holds {number} records, the manifest counts {section.Count}");
        }
        var sha = Hex.Lower(hash.GetHashAndReset());
        if (bytesRead == snapshot.Find(BundleLayout.FileRecords)!.Length)
        {
            Sha256 = sha;
        }
        if (sha != section.Sha256)
        {
            Problems.Add($"{BundleLayout.FileRecords}: SHA-256 is {sha}, the manifest's records.sha256 says {CheckList.Show(section.Sha256)}");
        }
    }

    private static (long, FileRecord?, string?) Parse(long number, ReadOnlySpan<byte> text)
    {
        try
        {
            var record = FileRecordLines.Parse(text);
            return record.BagPath is null || record.Sha256 is null || record.Id is null || (record.Parts?.Any(p => p is null) ?? false)
                ? (number, null, $"{BundleLayout.FileRecords} line {number} lacks id, bagPath or sha256")
                : (number, record, null);
        }
        catch (JsonException e)
        {
            return (number, null, $"{BundleLayout.FileRecords} line {number} is not a file record: {e.Message}");
        }
    }
}
