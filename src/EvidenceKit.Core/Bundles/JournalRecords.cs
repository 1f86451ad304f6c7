using System.Globalization;
using System.Text.Json;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// The one set of rules for the lines of journal.jsonl, for the collector's resume and the verifier alike: each line is
/// one <see cref="FileRecord"/> with at least a bag path and a SHA-256; only the last line may be bad (a write torn by
/// power loss); a bad line with any line after it is tampering.
/// </summary>
internal static class JournalRecords
{
    /// <summary>Reads numbered lines (already held to a length cap by the caller's reader).</summary>
    public static JournalContents Read(IEnumerable<(long Number, byte[] Line)> lines)
    {
        var records = new List<FileRecord>();
        (long Number, string Message)? bad = null;
        foreach (var (number, line) in lines)
        {
            if (bad is { } earlier)
            {
                return new JournalContents(records,
                    $"{BundleLayout.Journal} line {earlier.Number.ToString(CultureInfo.InvariantCulture)} is malformed: {earlier.Message}", null);
            }
            if (line.Length == 0)
            {
                continue;
            }
            try
            {
                records.Add(Parse(line));
            }
            catch (JsonException e)
            {
                bad = (number, e.Message);
            }
        }
        return new JournalContents(records, null, bad?.Number);
    }

    /// <summary>The records <see cref="Read"/> gives (every one before the first bad line), one at a time, none held.</summary>
    public static IEnumerable<FileRecord> Each(IEnumerable<byte[]> lines)
    {
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                continue;
            }
            FileRecord record;
            try
            {
                record = Parse(line);
            }
            catch (JsonException)
            {
                yield break;
            }
            yield return record;
        }
    }

    private static FileRecord Parse(byte[] line)
    {
        var record = ManifestJson.FromUtf8<FileRecord>(line);
        if (record.BagPath is null || record.Sha256 is null)
        {
            throw new JsonException("bagPath and sha256 are required");
        }
        return record;
    }
}
