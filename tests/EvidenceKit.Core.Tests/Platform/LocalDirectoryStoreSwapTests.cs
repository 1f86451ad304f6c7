using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Platform;
using EvidenceKit.Platform.Linux;
using EvidenceKit.Testing;

namespace EvidenceKit.Core.Tests.Platform;

/// <summary>
/// The bundle writer creates each file in one call from the store's root; an attacker on the target swaps a folder the
/// run already wrote into for a link between two files of that folder, and the next file must not follow it.
/// </summary>
public sealed class LocalDirectoryStoreSwapTests : IDisposable
{
    private readonly TempDirectory _store = new("ek-store-");
    private readonly TempDirectory _outside = new("ek-outside-");
    private readonly LocalDirectoryStore _sut;

    public LocalDirectoryStoreSwapTests()
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

    private void WriteThrough(string path, string text)
    {
        using var stream = _sut.Create(path);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public void A_folder_moved_out_and_replaced_by_a_link_between_two_files_is_not_followed_for_the_second()
    {
        _sut.CreateDirectory("b.partial/data/var/log");
        WriteThrough("b.partial/data/var/log/first.log", "first\n");
        Directory.Move(_store.Combine("b.partial", "data", "var", "log"), _outside.Combine("moved"));
        Directory.CreateSymbolicLink(_store.Combine("b.partial", "data", "var", "log"), _outside.Combine("moved"));
        var before = TreeSnapshot.Take(_outside.Path);

        _sut.Invoking(s => s.Create("b.partial/data/var/log/second.log")).Should().Throw<UnsafeTargetEntryException>();

        TreeSnapshot.Take(_outside.Path).Should().Equal(before, "nothing is written where the link points");
        File.Exists(_outside.Combine("moved", "second.log")).Should().BeFalse();
    }

    [Fact]
    public void A_folder_higher_up_swapped_for_a_link_to_a_copy_of_the_tree_outside_is_not_followed()
    {
        _sut.CreateDirectory("b.partial/data/var/log");
        WriteThrough("b.partial/data/var/log/first.log", "first\n");
        // The attacker prepares the same folders outside, so every name on the way exists and only the link differs.
        Directory.CreateDirectory(_outside.Combine("data", "var", "log"));
        Directory.Move(_store.Combine("b.partial", "data"), _store.Combine("b.partial", "data-old"));
        Directory.CreateSymbolicLink(_store.Combine("b.partial", "data"), _outside.Combine("data"));
        var before = TreeSnapshot.Take(_outside.Path);

        _sut.Invoking(s => s.Create("b.partial/data/var/log/second.log")).Should().Throw<UnsafeTargetEntryException>();

        TreeSnapshot.Take(_outside.Path).Should().Equal(before);
        Directory.EnumerateFileSystemEntries(_outside.Combine("data", "var", "log")).Should().BeEmpty();
    }

    [Fact]
    public void A_file_planted_where_the_next_copy_goes_is_replaced_and_its_link_target_outside_is_left_alone()
    {
        _sut.CreateDirectory("b.partial/data");
        File.CreateSymbolicLink(_store.Combine("b.partial", "data", "next.log"), _outside.Combine("secret.txt"));

        WriteThrough("b.partial/data/next.log", "bundle bytes\n");

        File.ReadAllText(_outside.Combine("secret.txt")).Should().Be("outside\n");
        new FileInfo(_store.Combine("b.partial", "data", "next.log")).LinkTarget.Should().BeNull();
        File.ReadAllText(_store.Combine("b.partial", "data", "next.log")).Should().Be("bundle bytes\n");
    }

    [Fact]
    public void Two_files_of_one_folder_both_land_in_that_folder_of_the_store()
    {
        _sut.CreateDirectory("b.partial/data/d");

        WriteThrough("b.partial/data/d/one.log", "1\n");
        WriteThrough("b.partial/data/d/two.log", "2\n");

        Directory.GetFiles(_store.Combine("b.partial", "data", "d")).Select(Path.GetFileName).Should().BeEquivalentTo(["one.log", "two.log"]);
    }
}
