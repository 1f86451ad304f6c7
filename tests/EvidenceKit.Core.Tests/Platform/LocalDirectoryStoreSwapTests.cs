namespace EvidenceKit.Core.Tests.Platform;

/// <summary>
/// The bundle writer creates each file in one call from the store's root; an attacker on the target swaps a folder the
/// run already wrote into for a link between two files of that folder, and the next file must not follow it.
/// </summary>
public sealed class LocalDirectoryStoreSwapTests : StoreAttackTest
{
    private void WriteThrough(string path, string text)
    {
        using var stream = Sut.Create(path);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public void A_folder_moved_out_and_replaced_by_a_link_between_two_files_is_not_followed_for_the_second()
    {
        Sut.CreateDirectory("b.partial/data/var/log");
        WriteThrough("b.partial/data/var/log/first.log", "first\n");
        Directory.Move(Store.Combine("b.partial", "data", "var", "log"), Outside.Combine("moved"));
        Directory.CreateSymbolicLink(Store.Combine("b.partial", "data", "var", "log"), Outside.Combine("moved"));
        var before = TreeSnapshot.Take(Outside.Path);

        Sut.Invoking(s => s.Create("b.partial/data/var/log/second.log")).Should().Throw<UnsafeTargetEntryException>();

        TreeSnapshot.Take(Outside.Path).Should().Equal(before, "nothing is written where the link points");
        File.Exists(Outside.Combine("moved", "second.log")).Should().BeFalse();
    }

    [Fact]
    public void A_folder_higher_up_swapped_for_a_link_to_a_copy_of_the_tree_outside_is_not_followed()
    {
        Sut.CreateDirectory("b.partial/data/var/log");
        WriteThrough("b.partial/data/var/log/first.log", "first\n");
        // The attacker prepares the same folders outside, so every name on the way exists and only the link differs.
        Directory.CreateDirectory(Outside.Combine("data", "var", "log"));
        Directory.Move(Store.Combine("b.partial", "data"), Store.Combine("b.partial", "data-old"));
        Directory.CreateSymbolicLink(Store.Combine("b.partial", "data"), Outside.Combine("data"));
        var before = TreeSnapshot.Take(Outside.Path);

        Sut.Invoking(s => s.Create("b.partial/data/var/log/second.log")).Should().Throw<UnsafeTargetEntryException>();

        TreeSnapshot.Take(Outside.Path).Should().Equal(before);
        Directory.EnumerateFileSystemEntries(Outside.Combine("data", "var", "log")).Should().BeEmpty();
    }

    [Fact]
    public void A_file_planted_where_the_next_copy_goes_is_replaced_and_its_link_target_outside_is_left_alone()
    {
        Sut.CreateDirectory("b.partial/data");
        File.CreateSymbolicLink(Store.Combine("b.partial", "data", "next.log"), Outside.Combine("secret.txt"));

        WriteThrough("b.partial/data/next.log", "bundle bytes\n");

        File.ReadAllText(Outside.Combine("secret.txt")).Should().Be("outside\n");
        new FileInfo(Store.Combine("b.partial", "data", "next.log")).LinkTarget.Should().BeNull();
        File.ReadAllText(Store.Combine("b.partial", "data", "next.log")).Should().Be("bundle bytes\n");
    }

    [Fact]
    public void Two_files_of_one_folder_both_land_in_that_folder_of_the_store()
    {
        Sut.CreateDirectory("b.partial/data/d");

        WriteThrough("b.partial/data/d/one.log", "1\n");
        WriteThrough("b.partial/data/d/two.log", "2\n");

        Directory.GetFiles(Store.Combine("b.partial", "data", "d")).Select(Path.GetFileName).Should().BeEquivalentTo(["one.log", "two.log"]);
    }
}
