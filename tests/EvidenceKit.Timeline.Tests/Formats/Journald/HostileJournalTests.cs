using System.Buffers.Binary;
using System.Text;
using EvidenceKit.Testing;
using EvidenceKit.Timeline.Formats.Journald;
using EvidenceKit.Timeline.Tests.Formats.Support;

namespace EvidenceKit.Timeline.Tests.Formats.Journald;

/// <summary>Real journal files, then damaged the way an attacker on the host could damage them.</summary>
public sealed class HostileJournalTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly JournaldParser _parser = new();

    public void Dispose() => _dir.Dispose();

    private byte[] RealJournal(bool compact = false, bool compress = false)
    {
        Skip.IfNot(JournalRemote.Installed, "systemd-journal-remote is not installed");
        var entries = Enumerable.Range(0, 3).Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["__REALTIME_TIMESTAMP"] = (1_764_583_200_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__MONOTONIC_TIMESTAMP"] = "1",
            ["_BOOT_ID"] = "0123456789abcdef0123456789abcdef",
            ["MESSAGE"] = $"entry {i} " + new string('m', 600),
            ["_PID"] = "7",
        }).ToArray();
        return JournalRemote.Write(_dir, JournalRemote.Export(entries), compress: compress, compact: compact, keyedHash: false);
    }

    private static long FirstArray(byte[] journal) => (long)JournalSurgery.U64(journal, 176);

    [SkippableFact]
    public void An_entry_array_that_points_back_to_itself_ends_the_walk_instead_of_looping()
    {
        var journal = RealJournal();
        var array = FirstArray(journal);
        JournalSurgery.SetU64(journal, array + 8, 24 + (3 * 8));
        JournalSurgery.SetU64(journal, array + 16, (ulong)array);

        var sink = ParserHarness.Run(_parser, "system.journal", journal);

        sink.Events.Should().HaveCount(3);
        sink.Unparsed.Should().ContainSingle(u => u.Original.Contains("cycle"));
    }

    [SkippableFact]
    public void An_entry_object_claiming_an_enormous_size_is_unparsed_without_allocating_it()
    {
        var journal = RealJournal();
        var entry = JournalSurgery.Objects(journal).First(o => o.Type == 3).Offset;
        JournalSurgery.SetU64(journal, entry + 8, ulong.MaxValue / 2);

        var sink = ParserHarness.Run(_parser, "system.journal", journal);

        sink.Events.Should().HaveCount(2);
        sink.Unparsed.Should().ContainSingle(u => u.Position == entry && u.Original.Contains("out of bounds"));
    }

    [SkippableFact]
    public void A_data_offset_past_the_end_of_the_file_marks_the_event_damaged_and_keeps_the_rest()
    {
        var journal = RealJournal();
        var entry = JournalSurgery.Objects(journal).First(o => o.Type == 3).Offset;
        JournalSurgery.SetU64(journal, entry + 64, 1UL << 40);

        var sink = ParserHarness.Run(_parser, "system.journal", journal);

        sink.Events.Should().HaveCount(3);
        sink.Events[0].Fields["damaged_items"].Should().Be("1");
        sink.Events[0].Original.Should().Contain("offset 1099511627776");
    }

    [SkippableFact]
    public void A_zstd_field_that_inflates_past_the_cap_is_refused_as_damage()
    {
        var journal = RealJournal();
        var bomb = new ZstdSharp.Compressor(19).Wrap(new byte[JournalDecompressor.MaxBytes + 1024]).ToArray();
        bomb.Length.Should().BeLessThan(600, "the bomb must fit where the message was");
        JournalSurgery.Compress(journal, JournalSurgery.DataObject(journal, "MESSAGE=entry 1"), bomb, 4, 8);

        var sink = ParserHarness.Run(_parser, "system.journal", journal);

        sink.Events.Should().HaveCount(3);
        sink.Events[1].Fields.Should().NotContainKey("message");
        sink.Events[1].Original.Should().Contain("cap");
    }

    [SkippableFact]
    public void A_journal_cut_short_reports_what_it_could_not_read()
    {
        var journal = RealJournal(compact: true, compress: true);
        var lastEntry = JournalSurgery.Objects(journal).Last(o => o.Type == 3).Offset;
        var cut = journal.AsSpan(0, (int)lastEntry + 20).ToArray();

        var sink = ParserHarness.Run(_parser, "system.journal", cut);

        (sink.Events.Count + sink.Unparsed.Count).Should().BeGreaterThan(0);
        sink.Unparsed.Should().NotBeEmpty();
    }

    [SkippableFact]
    public void Random_byte_damage_never_throws_out_of_parse()
    {
        var original = RealJournal(compact: true, compress: true);
        var random = new Random(16);
        for (var round = 0; round < 150; round++)
        {
            var journal = (byte[])original.Clone();
            for (var flips = 0; flips < 8; flips++)
            {
                // Most of the file is empty arena: damage the header and the objects, where the reader looks.
                var at = random.Next(0, (int)Math.Min(journal.Length, (long)JournalSurgery.U64(original, 136) + 512));
                journal[at] = (byte)random.Next(256);
            }

            var sink = ParserHarness.Run(_parser, "system.journal", journal);

            sink.Events.Should().OnlyContain(e => e.PositionIsOffset && e.Position > 0 && e.Position < journal.Length);
        }
    }

    [Fact]
    public void A_file_that_only_carries_the_signature_is_one_unparsed_record()
    {
        var bytes = Encoding.ASCII.GetBytes("LPKSHHRH" + new string('\u0001', 100));

        var sink = ParserHarness.Run(_parser, "system.journal", bytes);

        sink.Events.Should().BeEmpty();
        sink.Unparsed.Should().ContainSingle().Which.Original.Should().Contain("header");
    }

    [Fact]
    public void A_header_whose_entry_array_points_outside_the_file_is_reported()
    {
        var bytes = new byte[4096];
        "LPKSHHRH"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(88), 272);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(152), 5);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(176), 1UL << 50);

        var sink = ParserHarness.Run(_parser, "system.journal", bytes);

        sink.Events.Should().BeEmpty();
        sink.Unparsed.Should().Contain(u => u.Original.Contains("entry array unreadable"));
        sink.Unparsed.Should().Contain(u => u.Original.Contains("counts 5 entries"));
    }

    [Fact]
    public void A_spill_stops_at_its_limit_and_says_the_file_was_cut()
    {
        using var file = JournalFile.Spill(new ForwardOnlyStream(new MemoryStream(new byte[10_000])), CancellationToken.None, limit: 4096);

        file.Length.Should().Be(4096);
        file.WasCut.Should().BeTrue();
    }
}
