using System.Diagnostics;

namespace EvidenceKit.Core.Tests.Platform;

/// <summary>The bundle writer on a real directory, attacked with links, hard links, FIFOs and hostile names.</summary>
public sealed class LocalDirectoryStoreLinkTests : IDisposable
{
    private readonly TempDirectory _store = new("ek-store-");
    private readonly TempDirectory _outside = new("ek-outside-");
    private readonly LocalDirectoryStore _sut;

    public LocalDirectoryStoreLinkTests()
    {
        _outside.Write("secret.txt", "outside\n");
        _sut = new LocalDirectoryStore(_store.Path);
    }

    public void Dispose()
    {
        _sut.Dispose();
        _store.Dispose();
        _outside.Dispose();
    }

    private IReadOnlyDictionary<string, string> Outside() => TreeSnapshot.Take(_outside.Path);

    [Fact]
    public void A_directory_link_in_the_middle_of_a_path_is_refused_for_every_operation_and_nothing_outside_changes()
    {
        var before = Outside();
        _store.MakeDirectory("b.partial");
        Directory.CreateSymbolicLink(_store.Combine("b.partial", "data"), _outside.Path);

        _sut.Invoking(s => s.Create("b.partial/data/new.log")).Should().Throw<UnsafeTargetEntryException>();
        _sut.Invoking(s => s.CreateDirectory("b.partial/data/var/log")).Should().Throw<UnsafeTargetEntryException>();
        _sut.Invoking(s => s.DeleteFile("b.partial/data/secret.txt")).Should().Throw<UnsafeTargetEntryException>();
        _sut.Invoking(s => s.OpenRead("b.partial/data/secret.txt")).Should().Throw<UnsafeTargetEntryException>();
        _sut.Invoking(s => s.ListEntries("b.partial/data")).Should().Throw<UnsafeTargetEntryException>();

        Outside().Should().Equal(before);
        _sut.ListEntries("b.partial").Should().ContainSingle().Which.Should().Be(new TargetEntry("data", FileKind.Symlink));
    }

    [Fact]
    public void Deleting_a_link_removes_the_link_itself_never_what_it_points_to()
    {
        var before = Outside();
        File.CreateSymbolicLink(_store.Combine("to-file"), _outside.Combine("secret.txt"));
        Directory.CreateSymbolicLink(_store.Combine("to-dir"), _outside.Path);

        _sut.DeleteFile("to-file");
        _sut.DeleteFile("to-dir");

        Outside().Should().Equal(before);
        Directory.EnumerateFileSystemEntries(_store.Path).Should().BeEmpty();
    }

    [Fact]
    public void Creating_a_file_over_a_planted_link_or_hard_link_replaces_the_entry_and_leaves_the_outside_file_alone()
    {
        var before = Outside();
        File.CreateSymbolicLink(_store.Combine("soft.txt"), _outside.Combine("secret.txt"));
        Run.Tool("ln", [_outside.Combine("secret.txt"), _store.Combine("hard.txt")]).ExitCode.Should().Be(0);

        foreach (var name in new[] { "soft.txt", "hard.txt" })
        {
            using var stream = _sut.Create(name);
            stream.Write("bundle bytes\n"u8);
        }

        Outside().Should().Equal(before);
        File.ReadAllText(_outside.Combine("secret.txt")).Should().Be("outside\n");
        File.ReadAllText(_store.Combine("soft.txt")).Should().Be("bundle bytes\n");
        new FileInfo(_store.Combine("soft.txt")).LinkTarget.Should().BeNull();
    }

    [Fact]
    public void Appending_to_a_hard_linked_file_is_refused()
    {
        Run.Tool("ln", [_outside.Combine("secret.txt"), _store.Combine("journal.jsonl")]).ExitCode.Should().Be(0);

        _sut.Invoking(s => s.OpenAppend("journal.jsonl")).Should().Throw<UnsafeTargetEntryException>().WithMessage("*hard links*");

        File.ReadAllText(_outside.Combine("secret.txt")).Should().Be("outside\n");
    }

    [Fact]
    public void A_FIFO_is_refused_at_once_for_reading_appending_and_its_length_never_opened()
    {
        Run.Tool("mkfifo", [_store.Combine("resume.json")]).ExitCode.Should().Be(0);
        var clock = Stopwatch.StartNew();

        _sut.Invoking(s => s.OpenRead("resume.json")).Should().Throw<UnsafeTargetEntryException>().WithMessage("*fifo*");
        _sut.Invoking(s => s.OpenAppend("resume.json")).Should().Throw<UnsafeTargetEntryException>();
        _sut.Invoking(s => s.GetLength("resume.json")).Should().Throw<UnsafeTargetEntryException>();

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "nothing blocked on the FIFO");
        _sut.ListEntries("").Should().ContainSingle().Which.Kind.Should().Be(FileKind.Fifo);
    }

    [Fact]
    public void A_name_that_is_not_valid_UTF8_is_listed_and_can_be_deleted_by_that_name()
    {
        Run.Tool("sh", ["-c", "printf x > \"$1\"/$(printf 'bad\\377name')", "sh", _store.Path]).ExitCode.Should().Be(0);

        var entry = _sut.ListEntries("").Should().ContainSingle().Which;
        _sut.DeleteFile(entry.Name);

        Directory.EnumerateFileSystemEntries(_store.Path).Should().BeEmpty();
    }

    [Fact]
    public void Move_refuses_to_replace_an_existing_name_and_Replace_swaps_atomically()
    {
        _store.Write("a.partial/x", "1");
        _store.MakeDirectory("a");
        _store.Write("tmp", "new");
        _store.Write("file", "old");

        _sut.Invoking(s => s.Move("a.partial", "a")).Should().Throw<IOException>().WithMessage("*already exists*");
        _sut.Replace("tmp", "file");

        File.ReadAllText(_store.Combine("file")).Should().Be("new");
        File.Exists(_store.Combine("tmp")).Should().BeFalse();
    }
}
