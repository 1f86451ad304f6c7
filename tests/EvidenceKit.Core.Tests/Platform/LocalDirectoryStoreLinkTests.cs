using System.Diagnostics;

namespace EvidenceKit.Core.Tests.Platform;

/// <summary>The bundle writer on a real directory, attacked with links, hard links, FIFOs and hostile names.</summary>
public sealed class LocalDirectoryStoreLinkTests : StoreAttackTest
{
    private IReadOnlyDictionary<string, string> OutsideTree() => TreeSnapshot.Take(Outside.Path);

    [Fact]
    public void A_directory_link_in_the_middle_of_a_path_is_refused_for_every_operation_and_nothing_outside_changes()
    {
        var before = OutsideTree();
        Store.MakeDirectory("b.partial");
        Directory.CreateSymbolicLink(Store.Combine("b.partial", "data"), Outside.Path);

        Sut.Invoking(s => s.Create("b.partial/data/new.log")).Should().Throw<UnsafeTargetEntryException>();
        Sut.Invoking(s => s.CreateDirectory("b.partial/data/var/log")).Should().Throw<UnsafeTargetEntryException>();
        Sut.Invoking(s => s.DeleteFile("b.partial/data/secret.txt")).Should().Throw<UnsafeTargetEntryException>();
        Sut.Invoking(s => s.OpenRead("b.partial/data/secret.txt")).Should().Throw<UnsafeTargetEntryException>();
        Sut.Invoking(s => s.ListEntries("b.partial/data")).Should().Throw<UnsafeTargetEntryException>();

        OutsideTree().Should().Equal(before);
        Sut.ListEntries("b.partial").Should().ContainSingle().Which.Should().Be(new TargetEntry("data", FileKind.Symlink));
    }

    [Fact]
    public void Deleting_a_link_removes_the_link_itself_never_what_it_points_to()
    {
        var before = OutsideTree();
        File.CreateSymbolicLink(Store.Combine("to-file"), Outside.Combine("secret.txt"));
        Directory.CreateSymbolicLink(Store.Combine("to-dir"), Outside.Path);

        Sut.DeleteFile("to-file");
        Sut.DeleteFile("to-dir");

        OutsideTree().Should().Equal(before);
        Directory.EnumerateFileSystemEntries(Store.Path).Should().BeEmpty();
    }

    [Fact]
    public void Creating_a_file_over_a_planted_link_or_hard_link_replaces_the_entry_and_leaves_the_outside_file_alone()
    {
        var before = OutsideTree();
        File.CreateSymbolicLink(Store.Combine("soft.txt"), Outside.Combine("secret.txt"));
        Run.Tool("ln", [Outside.Combine("secret.txt"), Store.Combine("hard.txt")]).ExitCode.Should().Be(0);

        foreach (var name in new[] { "soft.txt", "hard.txt" })
        {
            using var stream = Sut.Create(name);
            stream.Write("bundle bytes\n"u8);
        }

        OutsideTree().Should().Equal(before);
        File.ReadAllText(Outside.Combine("secret.txt")).Should().Be("outside\n");
        File.ReadAllText(Store.Combine("soft.txt")).Should().Be("bundle bytes\n");
        new FileInfo(Store.Combine("soft.txt")).LinkTarget.Should().BeNull();
    }

    [Fact]
    public void Appending_to_a_hard_linked_file_is_refused()
    {
        Run.Tool("ln", [Outside.Combine("secret.txt"), Store.Combine("journal.jsonl")]).ExitCode.Should().Be(0);

        Sut.Invoking(s => s.OpenAppend("journal.jsonl")).Should().Throw<UnsafeTargetEntryException>().WithMessage("*hard links*");

        File.ReadAllText(Outside.Combine("secret.txt")).Should().Be("outside\n");
    }

    [Fact]
    public void A_FIFO_is_refused_at_once_for_reading_appending_and_its_length_never_opened()
    {
        Run.Tool("mkfifo", [Store.Combine("resume.json")]).ExitCode.Should().Be(0);
        var clock = Stopwatch.StartNew();

        Sut.Invoking(s => s.OpenRead("resume.json")).Should().Throw<UnsafeTargetEntryException>().WithMessage("*fifo*");
        Sut.Invoking(s => s.OpenAppend("resume.json")).Should().Throw<UnsafeTargetEntryException>();
        Sut.Invoking(s => s.GetLength("resume.json")).Should().Throw<UnsafeTargetEntryException>();

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "nothing blocked on the FIFO");
        Sut.ListEntries("").Should().ContainSingle().Which.Kind.Should().Be(FileKind.Fifo);
    }

    [Fact]
    public void A_name_that_is_not_valid_UTF8_is_listed_and_can_be_deleted_by_that_name()
    {
        Run.Tool("sh", ["-c", "printf x > \"$1\"/$(printf 'bad\\377name')", "sh", Store.Path]).ExitCode.Should().Be(0);

        var entry = Sut.ListEntries("").Should().ContainSingle().Which;
        Sut.DeleteFile(entry.Name);

        Directory.EnumerateFileSystemEntries(Store.Path).Should().BeEmpty();
    }

    [Fact]
    public void Move_refuses_to_replace_an_existing_name_and_Replace_swaps_atomically()
    {
        Store.Write("a.partial/x", "1");
        Store.MakeDirectory("a");
        Store.Write("tmp", "new");
        Store.Write("file", "old");

        Sut.Invoking(s => s.Move("a.partial", "a")).Should().Throw<IOException>().WithMessage("*already exists*");
        Sut.Replace("tmp", "file");

        File.ReadAllText(Store.Combine("file")).Should().Be("new");
        File.Exists(Store.Combine("tmp")).Should().BeFalse();
    }
}
