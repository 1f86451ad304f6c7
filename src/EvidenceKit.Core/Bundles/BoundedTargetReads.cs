using System.Buffers;
using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// Reads of a partial bundle's own metadata (resume.json, journal.jsonl) as bounded regular files: the store opens only
/// a regular file (a FIFO or link is refused, never opened), and no read grows past its cap.
/// </summary>
public static class BoundedTargetReads
{
    /// <summary>Largest resume.json accepted.</summary>
    public const int MaxResumeInfoBytes = 1024 * 1024;

    /// <summary>Largest journal line accepted; a longer one ends the journal there (as a torn line does).</summary>
    public const int MaxJournalLineBytes = 256 * 1024;

    /// <summary>Reads a whole file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="InvalidDataException">The file is larger than the cap.</exception>
    /// <exception cref="UnsafeTargetEntryException">It is not a regular file.</exception>
    public static byte[] ReadAll(ITargetStore store, string path, int maxBytes)
    {
        using var stream = store.OpenRead(path);
        var buffer = new byte[Math.Min(maxBytes + 1, 64 * 1024)];
        using var all = new MemoryStream();
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            all.Write(buffer, 0, read);
            if (all.Length > maxBytes)
            {
                throw new InvalidDataException($"{path} is larger than {maxBytes} bytes; it is not one this tool wrote.");
            }
        }
        return all.ToArray();
    }

    /// <summary>The lines of a file, each at most <paramref name="maxLineBytes"/>; an overlong line ends the sequence.</summary>
    public static IEnumerable<byte[]> ReadLines(Stream stream, int maxLineBytes)
    {
        // Each buffer is searched for newlines and copied a line piece at a time, not a byte at a time.
        var line = new ArrayBufferWriter<byte>();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            while (start < read)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                var end = newline < 0 ? read : newline;
                if (line.WrittenCount + (end - start) > maxLineBytes)
                {
                    yield break;
                }
                line.Write(buffer.AsSpan(start, end - start));
                if (newline < 0)
                {
                    break;
                }
                yield return line.WrittenSpan.ToArray();
                line.ResetWrittenCount();
                start = newline + 1;
            }
        }
        if (line.WrittenCount > 0)
        {
            yield return line.WrittenSpan.ToArray();
        }
    }
}
