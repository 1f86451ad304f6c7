using System.Text.Json;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// The journal of a partial bundle: one compact JSON <see cref="FileRecord"/> a line, appended after each file is
/// finished (and, in prosecution, after its copy is durable). A resume never trusts an entry: it re-reads the source
/// and re-hashes the copy before keeping one.
/// </summary>
public sealed class BundleJournal : IDisposable
{
    private readonly ITargetStore _store;
    private readonly string _path;
    private Stream _stream;
    private readonly bool _durable;
    private readonly Lock _gate = new();

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
            try
            {
                _stream.Dispose();
            }
            catch (IOException)
            {
                // The old session is gone; nothing to flush.
            }
            _stream = _store.OpenAppend(_path);
            // A line the lost session tore is ended here, so the next record starts a line of its own.
            _stream.Write("\n"u8);
        }
    }

    /// <summary>Records a finished file.</summary>
    public void Append(FileRecord record)
    {
        var line = FileRecordLines.ToLine(record);
        lock (_gate)
        {
            _stream.Write(line);
            if (_durable)
            {
                _store.Flush(_stream);
            }
            else
            {
                _stream.Flush();
            }
        }
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
        var records = new List<FileRecord>();
        using var stream = store.OpenRead(path);
        foreach (var line in BoundedTargetReads.ReadLines(stream, BoundedTargetReads.MaxJournalLineBytes))
        {
            if (line.Length == 0)
            {
                continue;
            }
            try
            {
                if (JsonSerializer.Deserialize<FileRecord>(line, ManifestJson.ReadOptions) is not { } record)
                {
                    break;
                }
                records.Add(record);
            }
            catch (JsonException)
            {
                break;
            }
        }
        return records;
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
