using System.Text;
using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Tests.Bundles;

/// <summary>
/// One set of rules for journal.jsonl, whether the collector's resume or the verifier reads it: only the last line may
/// be torn, a bad line with more after it is tampering, and a record without a bag path or SHA-256 is no record.
/// </summary>
public sealed class JournalRecordsTests : IDisposable
{
    private const string Good1 = """{"id":"f1","bagPath":"data/a.log","sourcePath":"/a.log","size":1,"sha256":"aa"}""";
    private const string Good2 = """{"id":"f2","bagPath":"data/b.log","sourcePath":"/b.log","size":1,"sha256":"bb"}""";
    private readonly TempDirectory _dir = new("ek-journal-");

    public void Dispose() => _dir.Dispose();

    private static JournalContents Read(params string[] lines) =>
        JournalRecords.Read(lines.Select((l, i) => ((long)i + 1, Encoding.UTF8.GetBytes(l))));

    [Fact]
    public void A_torn_last_line_is_ignored_and_named()
    {
        var journal = Read(Good1, Good2[..20]);

        journal.Records.Select(r => r.BagPath).Should().Equal("data/a.log");
        journal.Broken.Should().BeNull();
        journal.TornLine.Should().Be(2);
    }

    [Fact]
    public void A_bad_line_with_more_after_it_is_reported_as_tampering()
    {
        var journal = Read(Good1, "{not json", Good2);

        journal.Broken.Should().StartWith("journal.jsonl line 2 is malformed");
        journal.Records.Should().HaveCount(1, "nothing after the bad line is believed");
    }

    [Fact]
    public void A_forged_record_with_a_null_bag_path_is_not_a_record()
    {
        var journal = Read(Good1, """{"id":"f2","bagPath":null,"sourcePath":"/b.log","size":1,"sha256":"bb"}""");

        journal.Records.Should().HaveCount(1);
        journal.TornLine.Should().Be(2);
    }

    [Fact]
    public void The_collector_reads_a_journal_with_a_forged_null_bag_path_by_the_same_rules()
    {
        // Given a partial bundle whose journal ends with a record that names no bag path
        _dir.Write("b.partial/" + BundleLayout.Journal, Good1 + "\n" + """{"id":"f2","bagPath":null,"sourcePath":"/b.log","size":1,"sha256":"bb"}""" + "\n");
        using var store = new PortableDirectoryStore(new System.IO.Abstractions.FileSystem(), _dir.Path);

        // When the resume reads it
        var records = BundleJournal.Read(store, "b.partial");

        // Then only the well-formed record is a claim to prove
        records.Select(r => r.BagPath).Should().Equal("data/a.log");
    }
}
