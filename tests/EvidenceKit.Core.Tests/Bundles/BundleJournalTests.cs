using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Tests.Bundles;

/// <summary>The journal is written in batches: durable ones acknowledged only once fsynced, cheap ones never lost on close.</summary>
public sealed class BundleJournalTests : IDisposable
{
    private readonly TempDirectory _target = new("ek-journal-");
    private readonly LocalDirectoryStore _store;

    public BundleJournalTests()
    {
        _store = new LocalDirectoryStore(_target.Path);
        _store.CreateDirectory("B.partial");
    }

    public void Dispose()
    {
        _store.Dispose();
        _target.Dispose();
    }

    [Fact]
    public void In_prosecution_a_line_is_fsynced_before_Append_returns_even_when_workers_share_one_fsync()
    {
        // Given a durable journal whose every fsync is recorded with the bytes the file held at that moment
        using var counting = new FlushCountingStore(_store, _target.Combine("B.partial", BundleLayout.Journal));
        var notDurable = new System.Collections.Concurrent.ConcurrentBag<string>();

        // When eight workers append fifty records each
        using (var journal = new BundleJournal(counting, "B.partial", durable: true))
        {
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
            {
                for (var i = 0; i < 50; i++)
                {
                    var id = $"E{worker:D2}{i:D4}";
                    journal.Append(Record(id));
                    // Then when Append returns, the line was in the file at the last fsync
                    if (!counting.FlushedText.Contains($"\"{id}\"", StringComparison.Ordinal))
                    {
                        notDurable.Add(id);
                    }
                }
            });
        }

        notDurable.Should().BeEmpty();
        BundleJournal.Read(_store, "B.partial").Select(r => r.Id).Should().OnlyHaveUniqueItems().And.HaveCount(400);
        counting.Flushes.Should().BeLessThanOrEqualTo(400);
    }

    [Fact]
    public void In_analysis_lines_are_written_in_batches_and_every_one_is_on_the_drive_after_close()
    {
        using var counting = new FlushCountingStore(_store, _target.Combine("B.partial", BundleLayout.Journal));
        using (var journal = new BundleJournal(counting, "B.partial", durable: false))
        {
            for (var i = 0; i < 300; i++)
            {
                journal.Append(Record($"E{i:D6}"));
            }
        }

        BundleJournal.Read(_store, "B.partial").Select(r => r.Id).Should().Equal(Enumerable.Range(0, 300).Select(i => $"E{i:D6}"));
        counting.Writes.Should().BeLessThan(300, "lines are gathered into batches, not written one by one");
        counting.Flushes.Should().Be(0, "analysis never fsyncs the journal");
    }

    [Fact]
    public void A_line_whose_write_was_cut_by_a_lost_connection_is_journalled_once_when_the_collector_appends_it_again()
    {
        // Given a network target whose first journal session dies on its first write
        using var dropping = new FirstSessionDiesStore(_store);
        using (var journal = new BundleJournal(dropping, "B.partial", durable: true))
        {
            // When the append fails, the journal reopens, and the collector appends the same record again, then the next
            var first = () => journal.Append(Record("E000001"));
            first.Should().Throw<TargetConnectionLostException>();
            journal.Reopen();
            journal.Append(Record("E000001"));
            journal.Append(Record("E000002"));
        }

        // Then each finished file is journalled exactly once
        BundleJournal.Read(_store, "B.partial").Select(r => r.Id).Should().Equal("E000001", "E000002");
    }

    private static FileRecord Record(string id) => new()
    {
        Id = id,
        BagPath = $"data/var/log/{id}.log",
        SourcePath = $"/var/log/{id}.log",
        Size = 1,
        Sha256 = new string('0', 64),
        Mtime = "2026-12-02T00:00:00Z",
        FileType = "regular",
        Target = "logs",
    };

    private sealed class FlushCountingStore(ITargetStore inner, string journalFile) : DelegatingStore(inner), ITargetStore
    {
        private int _flushes;
        private volatile string _flushedText = "";

        public int Flushes => _flushes;
        public int Writes { get; private set; }
        public string FlushedText => _flushedText;

        public override Stream OpenAppend(string path) => new CountingStream(base.OpenAppend(path), () => Writes++);

        void ITargetStore.Flush(Stream stream)
        {
            Flush(stream is CountingStream c ? c.Inner : stream);
            Interlocked.Increment(ref _flushes);
            _flushedText = File.ReadAllText(journalFile);
        }
    }

    private sealed class FirstSessionDiesStore(ITargetStore inner) : DelegatingStore(inner)
    {
        private int _opens;

        public override Stream OpenAppend(string path) => Interlocked.Increment(ref _opens) == 1
            ? new CountingStream(base.OpenAppend(path), () => throw new TargetConnectionLostException("connection reset"))
            : base.OpenAppend(path);
    }

    private sealed class CountingStream(Stream inner, Action onWrite) : Stream
    {
        public Stream Inner => inner;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            onWrite();
            inner.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            onWrite();
            inner.Write(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
