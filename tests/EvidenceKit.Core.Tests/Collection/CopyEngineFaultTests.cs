using System.IO.Abstractions.TestingHelpers;
using EvidenceKit.Core.Collection;
using EvidenceKit.Core.Host;

namespace EvidenceKit.Core.Tests.Collection;

/// <summary>Faults the real world cannot produce on demand, injected through System.IO.Abstractions.</summary>
public sealed class CopyEngineFaultTests
{
    private readonly MockFileSystem _fs = new();

    public CopyEngineFaultTests()
    {
        _fs.AddFile("/src/var/log/app.log", new MockFileData("line one\nline two\n"));
        _fs.AddDirectory("/usb");
    }

    private PlannedFile Planned() => new("E000001", "/var/log/app.log", "data/var/log/app.log", "app",
        new SourceFileInfo { Kind = FileKind.Regular, Size = 18, ModifiedUtc = DateTimeOffset.UnixEpoch }, null);

    private CopyEngine Engine(ITargetStore store, CollectionMode mode, ISourceFiles? source = null) =>
        new(source ?? new PortableSourceFiles(_fs, "/src"), store, new CopyOptions(mode, []), AccountNames.Read(new PortableSourceFiles(_fs, "/src")));

    [Fact]
    public void A_target_that_corrupts_a_byte_after_writing_is_caught_by_the_re_read_check()
    {
        using var store = new CorruptingStore(new PortableDirectoryStore(_fs, "/usb"));

        var outcome = Engine(store, CollectionMode.Prosecution).Copy(Planned(), "B.partial", CancellationToken.None);

        outcome.Collected.Should().BeNull();
        outcome.Skipped!.Reason.Should().StartWith("copy verification failed");
        outcome.Skipped.Failed.Should().BeTrue();
        outcome.Skipped.Outcome.Should().Be(EvidenceKit.Core.Bundles.Manifest.SkipOutcome.CopyMismatch);
    }

    [Fact]
    public void Analysis_mode_does_not_re_read_the_copy()
    {
        using var store = new CorruptingStore(new PortableDirectoryStore(_fs, "/usb"));

        var outcome = Engine(store, CollectionMode.Analysis).Copy(Planned(), "B.partial", CancellationToken.None);

        outcome.Collected!.VerifiedCopySha256.Should().BeNull();
        store.Reads.Should().Be(0);
    }

    [Fact]
    public void A_full_target_ends_the_run_with_a_target_write_error()
    {
        using var store = new FailingWriteStore(new PortableDirectoryStore(_fs, "/usb"), new IOException("No space left on device", 28));

        var act = () => Engine(store, CollectionMode.Analysis).Copy(Planned(), "B.partial", CancellationToken.None);

        act.Should().Throw<TargetWriteException>().WithMessage("*No space left on device*");
    }

    [Fact]
    public void A_read_error_in_the_middle_of_a_source_file_is_recorded_for_that_file()
    {
        using var store = new PortableDirectoryStore(_fs, "/usb");
        var source = new FailingSource(new PortableSourceFiles(_fs, "/src"));

        var outcome = Engine(store, CollectionMode.Analysis, source).Copy(Planned(), "B.partial", CancellationToken.None);

        outcome.Skipped!.Reason.Should().Contain("read error").And.Contain("Input/output error");
        _fs.File.Exists("/usb/B.partial/data/var/log/app.log").Should().BeFalse("a half copy is removed");
    }

    private sealed class CorruptingStore(ITargetStore inner) : DelegatingStore(inner)
    {
        public int Reads { get; private set; }

        public override Stream OpenRead(string path)
        {
            Reads++;
            using var original = base.OpenRead(path);
            var bytes = new MemoryStream();
            original.CopyTo(bytes);
            var data = bytes.ToArray();
            data[0] ^= 0x20;
            return new MemoryStream(data);
        }
    }

    private sealed class FailingWriteStore(ITargetStore inner, IOException error) : DelegatingStore(inner)
    {
        public override Stream Create(string path) => new ThrowingStream(base.Create(path), error);
    }

    private sealed class FailingSource(ISourceFiles inner) : DelegatingSource(inner)
    {
        public override SourceStream OpenRead(string path)
        {
            var opened = Inner.OpenRead(path);
            return opened with { Stream = new ThrowingStream(opened.Stream, new IOException("Input/output error"), afterBytes: 4) };
        }
    }
}
