using System.Buffers.Binary;
using System.Text;
using EvidenceKit.Testing;
using EvidenceKit.Timeline.Formats.Journald;
using EvidenceKit.Timeline.Parsing;
using EvidenceKit.Timeline.Tests.Formats.Support;
using K4os.Compression.LZ4;

namespace EvidenceKit.Timeline.Tests.Formats.Journald;

public sealed class JournaldParserTests : IDisposable
{
    private static readonly string Long = string.Concat(Enumerable.Repeat("GET /cgi-bin/../../etc/passwd ", 100));
    private readonly TempDirectory _dir = new();
    private readonly JournaldParser _parser = new();

    public void Dispose() => _dir.Dispose();

    private static Dictionary<string, string> Entry(long realtime, string message, string pid, string identifier, string? extraName = null, string? extraValue = null)
    {
        var entry = new Dictionary<string, string>
        {
            ["__REALTIME_TIMESTAMP"] = realtime.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__MONOTONIC_TIMESTAMP"] = "5000000",
            ["_BOOT_ID"] = "0123456789abcdef0123456789abcdef",
            ["MESSAGE"] = message,
            ["_PID"] = pid,
            ["SYSLOG_IDENTIFIER"] = identifier,
            ["_HOSTNAME"] = "web1",
            ["PRIORITY"] = "6",
        };
        if (extraName is not null)
        {
            entry[extraName] = extraValue!;
        }
        return entry;
    }

    private static string ThreeEntries() => JournalRemote.Export(
        Entry(1_764_583_200_123_456, "Failed password for root from 203.0.113.9 port 52100 ssh2", "4242", "sshd"),
        Entry(1_764_583_201_000_001, Long, "4243", "nginx"),
        Entry(1_764_583_202_500_000, "Grüße aus dem Log \u001b[31mred\u001b[0m", "1", "systemd", "_SYSTEMD_UNIT", "cron.service"));

    private static void AssertThreeEntries(CollectingSink sink)
    {
        sink.Unparsed.Should().BeEmpty();
        sink.Events.Should().HaveCount(3);
        var first = sink.Events[0];
        first.Time.Should().Be(new DateTimeOffset(2025, 12, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560));
        first.Message.Should().Be("sshd[4242]: Failed password for root from 203.0.113.9 port 52100 ssh2");
        first.Fields["message"].Should().Be("Failed password for root from 203.0.113.9 port 52100 ssh2");
        first.Fields["pid"].Should().Be("4242");
        first.Fields["program"].Should().Be("sshd");
        first.Fields["hostname"].Should().Be("web1");
        first.Fields["level"].Should().Be("info");
        first.Fields["boot_id"].Should().Be("0123456789abcdef0123456789abcdef");
        first.PositionIsOffset.Should().BeTrue();
        first.Position.Should().BeGreaterThan(0);
        first.Original.Should().Contain("__REALTIME_TIMESTAMP=1764583200123456").And.Contain("SYSLOG_IDENTIFIER=sshd");
        sink.Events[1].Time.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_764_583_201).AddTicks(10));
        sink.Events[1].Fields["message"].Should().Be(Long);
        sink.Events[2].Time.Should().Be(new DateTimeOffset(2025, 12, 1, 10, 0, 2, 500, TimeSpan.Zero));
        sink.Events[2].Fields["message"].Should().Be("Grüße aus dem Log \u001b[31mred\u001b[0m");
        sink.Events[2].Fields["unit"].Should().Be("cron.service");
    }

    [SkippableFact]
    public void A_compact_zstd_journal_written_by_systemd_journal_remote_reads_with_exact_times_and_fields()
    {
        Skip.IfNot(JournalRemote.Installed, "systemd-journal-remote is not installed");
        var journal = JournalRemote.Write(_dir, ThreeEntries());
        (BinaryPrimitives.ReadUInt32LittleEndian(journal.AsSpan(12)) & 0x1C).Should().Be(0x1C, "systemd 252 writes compact, keyed-hash, zstd files by default");
        Encoding.ASCII.GetString(journal).Should().NotContain("etc/passwd GET", "the long message is stored compressed");

        _parser.Fits(ParserHarness.Sample("system.journal", journal)).Should().BeGreaterThan(0);
        AssertThreeEntries(ParserHarness.Run(_parser, "system.journal", journal));
    }

    [SkippableFact]
    public void A_regular_uncompressed_journal_without_keyed_hash_reads_the_same()
    {
        Skip.IfNot(JournalRemote.Installed, "systemd-journal-remote is not installed");
        var journal = JournalRemote.Write(_dir, ThreeEntries(), compress: false, compact: false, keyedHash: false);
        (BinaryPrimitives.ReadUInt32LittleEndian(journal.AsSpan(12)) & 0x14).Should().Be(0);

        AssertThreeEntries(ParserHarness.Run(_parser, "system.journal", journal));
    }

    [SkippableFact]
    public void A_regular_zstd_journal_reads_the_same()
    {
        Skip.IfNot(JournalRemote.Installed, "systemd-journal-remote is not installed");
        var journal = JournalRemote.Write(_dir, ThreeEntries(), compress: true, compact: false, keyedHash: false);

        AssertThreeEntries(ParserHarness.Run(_parser, "system.journal", journal));
    }

    [SkippableFact]
    public void An_lz4_compressed_field_reads_and_systemd_reads_the_same_file()
    {
        Skip.IfNot(JournalRemote.Installed, "systemd-journal-remote is not installed");
        // systemd 252 writes only its build default (zstd); the LZ4 object is made from a real uncompressed file
        // in journald's LZ4 layout (64-bit size, then one block), and journalctl must read it back.
        var journal = JournalRemote.Write(_dir, ThreeEntries(), compress: false, compact: false, keyedHash: false);
        var payload = Encoding.UTF8.GetBytes("MESSAGE=" + Long);
        var block = LZ4Pickler(payload);
        JournalSurgery.Compress(journal, JournalSurgery.DataObject(journal, "MESSAGE=GET"), block, 2, 2);

        AssertJournalctlReads(journal);
        AssertThreeEntries(ParserHarness.Run(_parser, "system.journal", journal));
    }

    [SkippableFact]
    public void An_xz_compressed_field_reads_and_systemd_reads_the_same_file()
    {
        Skip.IfNot(JournalRemote.Installed, "systemd-journal-remote is not installed");
        Skip.IfNot(File.Exists("/usr/bin/xz"), "xz is not installed");
        var journal = JournalRemote.Write(_dir, ThreeEntries(), compress: false, compact: false, keyedHash: false);
        var plain = _dir.Write("field", "MESSAGE=" + Long);
        Run.Tool("/usr/bin/xz", ["--format=xz", "--check=none", "-k", plain]).ExitCode.Should().Be(0);
        JournalSurgery.Compress(journal, JournalSurgery.DataObject(journal, "MESSAGE=GET"), File.ReadAllBytes(plain + ".xz"), 1, 1);

        AssertJournalctlReads(journal);
        AssertThreeEntries(ParserHarness.Run(_parser, "system.journal", journal));
    }

    private static byte[] LZ4Pickler(byte[] payload)
    {
        var block = new byte[LZ4Codec.MaximumOutputSize(payload.Length)];
        var length = LZ4Codec.Encode(payload, 0, payload.Length, block, 0, block.Length);
        var framed = new byte[8 + length];
        BinaryPrimitives.WriteUInt64LittleEndian(framed, (ulong)payload.Length);
        block.AsSpan(0, length).CopyTo(framed.AsSpan(8));
        return framed;
    }

    private void AssertJournalctlReads(byte[] journal)
    {
        var path = _dir.Write($"check-{Guid.NewGuid():N}.journal", journal);
        var result = Run.Tool("journalctl", ["--file=" + path, "-o", "cat", "--no-pager"]);
        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain(Long);
    }
}
