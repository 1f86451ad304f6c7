using EvidenceKit.Core.Verification;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Tests.Verification;

/// <summary>The snapshot's compact listing answers exactly as the dictionary of records it replaced did.</summary>
public sealed class BagEntryTableTests
{
    private static BagEntryTable Table(params BagEntry[] entries)
    {
        var table = new BagEntryTable();
        foreach (var entry in entries)
        {
            table.Add(entry);
        }
        table.Seal();
        return table;
    }

    [Fact]
    public void Every_entry_is_found_by_its_path_with_everything_the_walk_listed_and_an_unlisted_path_is_not()
    {
        var entries = Enumerable.Range(0, 50_000)
            .Select(i => new BagEntry($"data/d{i / 1000}/f{i}.log", BagEntryKind.RegularFile, i, null, 2049, (ulong)(1000 + i)))
            .Append(new BagEntry("data/link", BagEntryKind.SymbolicLink, 0, "/etc/shadow", 2049, 7))
            .Append(new BagEntry("data/\u00e9t\u00e9 \U0001F600.log", BagEntryKind.RegularFile, 3, null, 77, 8))
            .ToList();

        var table = Table([.. entries]);

        table.Count.Should().Be(entries.Count);
        foreach (var entry in entries)
        {
            var index = table.IndexOf(entry.BagPath);
            index.Should().BeGreaterThanOrEqualTo(0, entry.BagPath);
            table.EntryAt(index).Should().Be(entry);
        }
        table.IndexOf("data/d0/f50000.log").Should().Be(-1);
        table.IndexOf("data/d0/F1.log").Should().Be(-1);
        table.IndexOf("data/e\u0301t\u00e9 \U0001F600.log").Should().Be(-1, "an NFD spelling is another name");
    }

    [Fact]
    public void A_path_longer_than_a_pool_chunk_is_stored_and_found_whole()
    {
        var longPath = "data/" + string.Join('/', Enumerable.Repeat(new string('x', 250), 20_000));

        var table = Table(new BagEntry("data/a", BagEntryKind.RegularFile, 1, null), new BagEntry(longPath, BagEntryKind.RegularFile, 2, null),
            new BagEntry("data/b", BagEntryKind.RegularFile, 3, null));

        table.EntryAt(table.IndexOf(longPath)).BagPath.Should().Be(longPath);
        table.LengthAt(table.IndexOf("data/b")).Should().Be(3);
    }

    [Fact]
    public void Two_raw_names_escaped_to_one_text_keep_the_last_as_the_dictionary_did_and_count_once()
    {
        var table = Table(new BagEntry("data/\\xff", BagEntryKind.BadName, 0, null), new BagEntry("data/\\xff", BagEntryKind.RegularFile, 9, null));

        table.Count.Should().Be(1);
        table.KindAt(table.IndexOf("data/\\xff")).Should().Be(BagEntryKind.RegularFile);
        Enumerable.Range(0, table.Slots).Count(i => !table.IsShadowed(i)).Should().Be(1);
    }

    [Fact]
    public void A_path_with_a_lone_surrogate_names_no_entry_not_the_file_named_by_the_replacement_character()
    {
        var table = Table(new BagEntry("data/\uFFFD.log", BagEntryKind.RegularFile, 1, null));

        table.IndexOf("data/\uFFFD.log").Should().Be(0);
        table.IndexOf("data/\uD800.log").Should().Be(-1);
    }
}
