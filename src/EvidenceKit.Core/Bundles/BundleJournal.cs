using System.Buffers;
using System.Diagnostics;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// The journal of a partial bundle: one compact JSON <see cref="FileRecord"/> a line for each finished file, written in
/// batches. Durable (prosecution): <see cref="Append"/> returns only once its line is written and fsynced (after the
/// copy itself was made durable); the workers that finish while one of them writes and fsyncs a batch wait and share
/// the next fsync (group commit), so a journal costs one fsync per batch, not per file. Cheap (analysis): the first
/// line is written at once (a journal the target cannot write stops the run at the first file), the others when 64 KiB
/// or a second's worth have gathered, and when the journal is closed; a crash loses at most those, and a resume copies
/// those files again. A resume never trusts an entry: it re-reads the source and re-hashes the
/// copy before keeping one.
/// </summary>
public sealed class BundleJournal : IDisposable
{
    private const int BatchBytes = 64 * 1024;
    private static readonly TimeSpan BatchAge = TimeSpan.FromSeconds(1);
    private readonly ITargetStore _store;
    private readonly string _path;
    private readonly bool _durable;
    private readonly object _gate = new();
    private readonly ArrayBufferWriter<byte> _pending = new(BatchBytes);
    private Stream _stream;
    private long _appended;
    private long _written;
    private long _firstPendingAt;
    private bool _writing;

    /// <summary>Opens (or continues) the journal of <paramref name="bundleDir"/>.</summary>
    public BundleJournal(ITargetStore store, string bundleDir, bool durable)
    {
        _store = store;
        _durable = durable;
        _path = bundleDir + "/" + BundleLayout.Journal;
        _stream = store.OpenAppend(_path);
    }

    /// <summary>Opens the journal again after the target reconnected (the old stream belonged to the lost session).</summary>
    public void Reopen()
    {
        lock (_gate)
        {
            while (_writing)
            {
                Monitor.Wait(_gate);
            }
            try
            {
                _stream.Dispose();
            }
            catch (IOException)
            {
                // The old session is gone; nothing to flush. Lines not yet written stay pending for the new stream.
            }
            _stream = _store.OpenAppend(_path);
            // A line the lost session tore is ended here, so the next record starts a line of its own.
            _stream.Write("\n"u8);
        }
    }

    /// <summary>Records a finished file; when durable, returns once its line is on stable storage.</summary>
    /// <exception cref="IOException">The batch holding this line could not be written; the line stays pending.</exception>
    public void Append(FileRecord record) => AppendLine(FileRecordLines.ToLine(record));

    /// <summary>Records a finished file by its line (<see cref="FileRecordLines.ToLine"/>), serialized once by the caller.</summary>
    /// <exception cref="IOException">The batch holding this line could not be written; the line stays pending.</exception>
    public void AppendLine(byte[] line)
    {
        lock (_gate)
        {
            if (_pending.WrittenCount == 0)
            {
                _firstPendingAt = Stopwatch.GetTimestamp();
            }
            _pending.Write(line);
            var mine = ++_appended;
            if (_durable)
            {
                while (_written < mine)
                {
                    if (_writing)
                    {
                        Monitor.Wait(_gate);
                    }
                    else
                    {
                        WriteBatch(line);
                    }
                }
            }
            else if (!_writing && (_written == 0 || _pending.WrittenCount >= BatchBytes || Stopwatch.GetElapsedTime(_firstPendingAt) >= BatchAge))
            {
                WriteBatch(line);
            }
        }
    }

    /// <summary>
    /// Writes (and, when durable, fsyncs) every pending line as one batch. Called holding the gate; the gate is let go
    /// during the write so other workers can queue the next batch meanwhile. On failure the batch goes back in front of
    /// the pending lines, so a retry after <see cref="Reopen"/> writes it again (a torn line before it only makes a
    /// resume stop trusting the journal there, which is safe). The caller's own line (<paramref name="own"/>) is taken
    /// out again, since the caller sees the failure and appends it anew after reconnecting; the other lines stay.
    /// </summary>
    private void WriteBatch(byte[]? own)
    {
        var batch = _pending.WrittenSpan.ToArray();
        var upTo = _appended;
        _pending.Clear();
        _writing = true;
        var stream = _stream;
        Monitor.Exit(_gate);
        Exception? failure = null;
        try
        {
            stream.Write(batch);
            if (_durable)
            {
                _store.Flush(stream);
            }
            else
            {
                stream.Flush();
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            Monitor.Enter(_gate);
            _writing = false;
            Monitor.PulseAll(_gate);
        }
        if (failure is not null)
        {
            var later = _pending.WrittenSpan.ToArray();
            _pending.Clear();
            var at = own is null ? -1 : batch.AsSpan().IndexOf(own);
            _pending.Write(at < 0 ? batch : [.. batch.AsSpan(0, at), .. batch.AsSpan(at + own!.Length)]);
            _pending.Write(later);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        _written = Math.Max(_written, upTo);
    }

    /// <summary>
    /// Reads the finished files of a journal; a torn or overlong last line (power loss, tampering) ends it there. The
    /// journal is opened only as a regular file; every entry is a claim that a resume must still prove.
    /// </summary>
    /// <exception cref="UnsafeTargetEntryException">The journal is a link or special file.</exception>
    public static IReadOnlyList<FileRecord> Read(ITargetStore store, string bundleDir)
    {
        var path = bundleDir + "/" + BundleLayout.Journal;
        if (store.GetLength(path) is null)
        {
            return [];
        }
        using var stream = store.OpenRead(path);
        return JournalRecords.Read(BoundedTargetReads.ReadLines(stream, BoundedTargetReads.MaxJournalLineBytes)
            .Select((line, i) => ((long)i + 1, line))).Records;
    }

    /// <summary>
    /// The finished files of a journal as <see cref="Read"/> gives them, one at a time as the journal is read, so a
    /// resume of a million files never holds a million records.
    /// </summary>
    /// <exception cref="UnsafeTargetEntryException">The journal is a link or special file.</exception>
    public static IEnumerable<FileRecord> ReadEach(ITargetStore store, string bundleDir)
    {
        var path = bundleDir + "/" + BundleLayout.Journal;
        if (store.GetLength(path) is null)
        {
            return [];
        }
        var stream = store.OpenRead(path);
        return Lines(stream);

        IEnumerable<FileRecord> Lines(Stream opened)
        {
            using (opened)
            {
                foreach (var record in JournalRecords.Each(BoundedTargetReads.ReadLines(opened, BoundedTargetReads.MaxJournalLineBytes)))
                {
                    yield return record;
                }
            }
        }
    }

    /// <summary>Writes what is pending and closes the journal; a target that fails now only costs those lines (re-copied on resume).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            try
            {
                while (_writing)
                {
                    Monitor.Wait(_gate);
                }
                if (_pending.WrittenCount > 0)
                {
                    WriteBatch(null);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                // The run already stops on the target's failure; a resume copies the files these lines named again.
            }
            try
            {
                _stream.Dispose();
            }
            catch (IOException)
            {
                // Nothing left to lose: every line written was flushed with it.
            }
        }
    }
}
