using System.Security.Cryptography;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// Writes custody/files.jsonl and manifest-sha256.txt in one pass over the records, as a stream: each record's line is
/// written and hashed, its payload manifest line made from it, then both dropped, so memory does not grow with the number of files. The
/// hashes are of the bytes written, so a file changed on the target afterwards no longer matches the signed manifest.
/// </summary>
internal sealed class RecordsFileWriter(ITargetStore store)
{
    private const int BufferBytes = 1024 * 1024;

    /// <summary>What was written: the v3 records section, and the payload manifest's SHA-256.</summary>
    public sealed record Written(RecordsFileRecord Records, string PayloadManifestSha256);

    public Written Write(string dir, IEnumerable<RecordLine> records, CancellationToken cancellationToken)
    {
        using var recordsHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var payloadHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long count = 0, payloadBytes = 0, length = 0;
        using (var recordsFile = store.Create(dir + "/" + BundleLayout.FileRecords))
        using (var payloadFile = store.Create(dir + "/" + BundleLayout.PayloadManifest))
        using (var recordsOut = new BufferedStream(recordsFile, BufferBytes))
        using (var payloadOut = new BufferedStream(payloadFile, BufferBytes))
        {
            foreach (var record in records)
            {
                if ((count & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                var line = record.Line;
                recordsOut.Write(line);
                recordsHash.AppendData(line);
                var payloadLine = BagItText.Utf8.GetBytes(BagItText.ManifestLine(record.Sha256, record.BagPath));
                payloadOut.Write(payloadLine);
                payloadHash.AppendData(payloadLine);
                length += line.Length;
                payloadBytes += record.Size;
                count++;
            }
            recordsOut.Flush();
            payloadOut.Flush();
            store.Flush(recordsFile);
            store.Flush(payloadFile);
        }
        var section = new RecordsFileRecord
        {
            Path = BundleLayout.FileRecords,
            Sha256 = Hex.Lower(recordsHash.GetHashAndReset()),
            Length = length,
            Count = count,
            PayloadBytes = payloadBytes,
        };
        return new Written(section, Hex.Lower(payloadHash.GetHashAndReset()));
    }
}
