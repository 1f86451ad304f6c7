using System.IO.Abstractions.TestingHelpers;
using System.Security.Cryptography;
using System.Text;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Verification.Records;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Tests.Verification;

/// <summary>
/// The tag manifest's line for custody/files.jsonl is judged by the digest the records reader took while reading the
/// file for its records: that digest must be of the whole file, and there must be none when reading stopped early.
/// </summary>
public sealed class RecordsFileReaderTests
{
    private const string Line = """{"id":"E1","bagPath":"data/a.log","sourcePath":"/a.log","size":1,"sha256":"ab"}""";

    private static (RecordsFileReader Reader, BagSnapshot Snapshot) Reader(string records, long count)
    {
        var fileSystem = new MockFileSystem();
        fileSystem.AddFile("/bag/data/a.log", new MockFileData("x"));
        fileSystem.AddFile("/bag/data/b.log", new MockFileData("y"));
        fileSystem.AddFile("/bag/custody/files.jsonl", new MockFileData(Encoding.UTF8.GetBytes(records)));
        var snapshot = BagSnapshot.Take(new PortableBagFilesFactory(fileSystem), "/bag", new BagLimits(), CancellationToken.None);
        var section = new RecordsFileRecord { Path = "custody/files.jsonl", Sha256 = "", Length = Encoding.UTF8.GetByteCount(records), Count = count, PayloadBytes = 2 };
        return (new RecordsFileReader(snapshot, section), snapshot);
    }

    [Fact]
    public void A_file_read_to_its_end_gives_the_SHA_256_of_all_its_bytes()
    {
        var records = Line + "\n" + Line.Replace("a.log", "b.log", StringComparison.Ordinal) + "\n";
        var (reader, snapshot) = Reader(records, 2);
        using (snapshot)
        {
            reader.Read(CancellationToken.None).Should().HaveCount(2);

            reader.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(records))));
        }
    }

    [Theory]
    [InlineData(Line + "\n" + Line, 2)]
    [InlineData(Line + "\n" + Line + "\n" + Line + "\n", 1)]
    public void A_file_whose_reading_stopped_early_gives_no_digest(string records, long count)
    {
        var (reader, snapshot) = Reader(records, count);
        using (snapshot)
        {
            _ = reader.Read(CancellationToken.None).ToList();

            reader.Problems.Should().NotBeEmpty();
            reader.Sha256.Should().BeNull("a digest of part of the file must never stand for the whole");
        }
    }

    [Fact]
    public void No_digest_before_the_records_are_read()
    {
        var (reader, snapshot) = Reader(Line + "\n", 1);
        using (snapshot)
        {
            reader.Sha256.Should().BeNull();
        }
    }
}
