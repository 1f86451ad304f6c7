using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Verification.Snapshot;
using EvidenceKit.Timeline.Parsing;
using EvidenceKit.Timeline.Reading;

namespace EvidenceKit.Timeline.Pipeline;

/// <summary>
/// Reads one evidence file for the timeline: opened only through the bag snapshot (the listed regular file, no link
/// followed), its stored bytes hashed as read and compared with the manifest's SHA-256, decompressed by its magic
/// bytes under the size bound, then given to the parser that fits best. Whatever goes wrong is a note on the file,
/// never an abort of the run.
/// </summary>
internal sealed class FileReader(TimelineOptions options, IReadOnlyList<ILogParser> parsers, EventPipe pipe)
{
    private const int SampleBytes = 4096;
    private const int MagicBytes = 16;

    public void Read(EvidenceFile file, BagSnapshot snapshot, CancellationToken cancellationToken)
    {
        HashingReadStream hashing;
        try
        {
            hashing = new HashingReadStream(OpenStored(file.Record.BagPath, file.Record.Parts, snapshot));
        }
        catch (BundleReaderException e)
        {
            file.Notes.Add($"not read: {e.Message}");
            return;
        }
        using (hashing)
        {
            try
            {
                ReadContent(file, hashing, cancellationToken);
                if (file.Parser is not null && hashing.Finish(file.Record.Size) != file.Record.Sha256)
                {
                    file.Changed = true;
                    file.Notes.Add("its bytes no longer match the manifest's SHA-256 (changed after verification): events marked unverified");
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or BundleReaderException or UnauthorizedAccessException)
            {
                file.Notes.Add($"reading stopped: {e.Message}");
            }
        }
    }

    private void ReadContent(EvidenceFile file, HashingReadStream hashing, CancellationToken cancellationToken)
    {
        var magic = ReadUpTo(hashing, MagicBytes);
        var (content, compression) = Decompression.Open(new NonClosingStream(hashing), magic, options.MaxDecompressedBytes);
        file.Compression = compression;
        using (content)
        {
            byte[] head;
            try
            {
                head = ReadUpTo(content, SampleBytes);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or FormatException or SharpCompress.Common.SharpCompressException)
            {
                file.Notes.Add($"not read: its {compression ?? "content"} could not be decompressed ({e.Message})");
                return;
            }
            var sample = new LogSample(LogNames.BaseName(file.Record.SourcePath), file.Record.SourcePath, head);
            var parser = ParserCatalog.Choose(sample, parsers);
            if (parser is null)
            {
                file.Notes.Add("no parser knows this file");
                return;
            }
            file.Parser = parser.Name;
            var sink = new FileSink(file, options, pipe);
            try
            {
                parser.Parse(new LogSource(new ReplayStream(head, content), sample, file.Bundle.Clock(file.Record)), sink, cancellationToken);
            }
            catch (DecompressionLimitException e)
            {
                file.Notes.Add($"decompression bound: {e.Message}");
            }
            catch (OperationCanceledException)
            {
                throw;
            }
#pragma warning disable CA1031 // A parser failing on hostile content is a note on that file; the run goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                file.Notes.Add($"reading stopped after {file.Events + file.Unparsed} lines: {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                sink.Flush();
            }
        }
    }

    private static Stream OpenStored(string bagPath, IReadOnlyList<string>? parts, BagSnapshot snapshot)
    {
        if (parts is { Count: > 0 })
        {
            return new ConcatenatedStream(parts.Select(p => (Func<Stream>)(() => OpenListed(p, snapshot))).ToList());
        }
        return OpenListed(bagPath, snapshot);
    }

    private static Stream OpenListed(string bagPath, BagSnapshot snapshot)
    {
        if (snapshot.NotReadable(bagPath) is { } why)
        {
            throw new BundleReaderException(why);
        }
        return snapshot.Open(snapshot.Find(bagPath)!);
    }

    private static byte[] ReadUpTo(Stream stream, int count)
    {
        var buffer = new byte[count];
        var total = 0;
        int read;
        while (total < count && (read = stream.Read(buffer, total, count - total)) > 0)
        {
            total += read;
        }
        return total == count ? buffer : buffer[..total];
    }
}
