using EvidenceKit.Core.Collection;
using EvidenceKit.Core.Host;

namespace EvidenceKit.Core.Tests.Collection;

/// <summary>
/// The copy loop on real files: whole-buffer files and chunked ones (hashed on another thread while written) must give
/// the bytes and digests the standard tools give, at every size around the buffer boundaries.
/// </summary>
public sealed class PayloadCopyTests : IDisposable
{
    private const int Buffer = 64 * 1024;
    private readonly TempDirectory _source = new("ek-payload-src-");
    private readonly TempDirectory _target = new("ek-payload-dst-");
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        _owned.ForEach(o => o.Dispose());
        _source.Dispose();
        _target.Dispose();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Buffer - 1)]
    [InlineData(Buffer)]
    [InlineData(Buffer + 1)]
    [InlineData(3 * Buffer)]
    [InlineData(3 * Buffer + 5)]
    [InlineData(17 * Buffer + 4093)]
    public void A_file_of_any_size_around_the_buffer_is_copied_byte_for_byte_with_the_digests_the_coreutils_give(int size)
    {
        // Given a file of random bytes
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        _source.Write("var/log/app.log", bytes);

        // When it is copied with every legacy hash asked for
        var outcome = Engine(CollectionMode.Analysis, ["sha1", "md5", "sha512"]).Copy(Planned(size), "B.partial", CancellationToken.None);

        // Then the copy holds the same bytes, and each digest is the one the standard tool computes over the copy
        var record = outcome.Collected!;
        var copy = _target.Combine("B.partial", "data", "var", "log", "app.log");
        File.ReadAllBytes(copy).Should().Equal(bytes);
        record.Size.Should().Be(size);
        record.Sha256.Should().Be(Tool("sha256sum", copy));
        record.Sha1.Should().Be(Tool("sha1sum", copy));
        record.Md5.Should().Be(Tool("md5sum", copy));
        record.Sha512.Should().Be(Tool("sha512sum", copy));
    }

    [Fact]
    public void A_chunked_file_copied_in_prosecution_is_re_read_and_matches_the_hash_taken_on_the_other_thread()
    {
        var bytes = new byte[9 * Buffer + 123];
        new Random(7).NextBytes(bytes);
        _source.Write("var/log/app.log", bytes);

        var record = Engine(CollectionMode.Prosecution, []).Copy(Planned(bytes.Length), "B.partial", CancellationToken.None).Collected!;

        record.VerifiedCopySha256.Should().Be(record.Sha256);
        record.Sha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    [Fact]
    public void A_target_that_fails_in_the_middle_of_a_chunked_file_stops_the_run_and_leaves_no_half_copy()
    {
        var bytes = new byte[6 * Buffer];
        _source.Write("var/log/app.log", bytes);
        using var store = new FailingAfterStore(new LocalDirectoryStore(_target.Path), 2 * Buffer);
        var source = Owned(new LinuxSourceFiles(_source.Path));
        var engine = new CopyEngine(source, store, new CopyOptions(CollectionMode.Analysis, [], Buffer), AccountNames.Read(source));

        var act = () => engine.Copy(Planned(bytes.Length), "B.partial", CancellationToken.None);

        act.Should().Throw<TargetWriteException>().WithMessage("*No space left*");
        File.Exists(_target.Combine("B.partial", "data", "var", "log", "app.log")).Should().BeFalse();
    }

    private CopyEngine Engine(CollectionMode mode, IReadOnlyList<string> legacy)
    {
        var source = Owned(new LinuxSourceFiles(_source.Path));
        var store = Owned(new LocalDirectoryStore(_target.Path));
        return new CopyEngine(source, store, new CopyOptions(mode, legacy, Buffer), AccountNames.Read(source));
    }

    private T Owned<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private static PlannedFile Planned(long size) => new("E000001", "/var/log/app.log", "data/var/log/app.log", "app",
        new SourceFileInfo { Kind = FileKind.Regular, Size = size, ModifiedUtc = DateTimeOffset.UnixEpoch }, null);

    private static string Tool(string tool, string path)
    {
        var result = Run.Tool(tool, [path]);
        result.ExitCode.Should().Be(0);
        return result.StdOut.Split(' ')[0];
    }

    /// <summary>A drive that fills up after <c>limit</c> bytes of payload.</summary>
    private sealed class FailingAfterStore(ITargetStore inner, long limit) : DelegatingStore(inner)
    {
        public override Stream Create(string path) => new Filling(base.Create(path), limit);

        private sealed class Filling(Stream inner, long limit) : Stream
        {
            private long _written;
            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => _written;
            public override long Position { get => _written; set => throw new NotSupportedException(); }
            public override void Flush() => inner.Flush();
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count)
            {
                if (_written + count > limit)
                {
                    throw new IOException("No space left on device", 28);
                }
                inner.Write(buffer, offset, count);
                _written += count;
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
}
