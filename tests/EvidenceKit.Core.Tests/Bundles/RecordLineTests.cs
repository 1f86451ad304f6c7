using System.Text.Json;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Tests.Bundles;

/// <summary>The seal writes a journal line as it is and takes only sha256, bagPath and size from its top level.</summary>
public sealed class RecordLineTests
{
    private static FileRecord Record(string bagPath, IReadOnlyList<string> notes) => new()
    {
        Id = "E000001",
        BagPath = bagPath,
        SourcePath = "/" + bagPath["data/".Length..],
        Size = 1234,
        Sha256 = new string('a', 64),
        Sha1 = new string('b', 40),
        Parts = ["\"sha256\":\"" + new string('f', 64) + "\"", "size"],
        Notes = notes,
    };

    [Fact]
    public void A_line_read_back_gives_the_same_bytes_and_fields_as_the_record_it_was_made_from()
    {
        var record = Record("data/var/log/we\"ird\\name \u00e9\u2028.log", ["grew-during-copy: \"size\": 99999"]);
        var made = RecordLine.From(record);

        var read = RecordLine.FromOwnLine(made.Line.AsSpan(0, made.Line.Length - 1));

        read.Line.Should().Equal(made.Line);
        read.Sha256.Should().Be(record.Sha256);
        read.BagPath.Should().Be(record.BagPath);
        read.Size.Should().Be(1234);
        read.Line.Should().Equal(FileRecordLines.ToLine(FileRecordLines.Parse(made.Line.AsSpan(0, made.Line.Length - 1))),
            "the bytes sealed are those a full parse and serialization would have written");
    }

    [Fact]
    public void Names_that_look_like_the_fields_inside_strings_and_lists_are_not_taken_for_them()
    {
        var made = RecordLine.From(Record("data/x.log", ["\"sha256\":\"" + new string('0', 64) + "\",\"size\":7"]));

        var read = RecordLine.FromOwnLine(made.Line.AsSpan(0, made.Line.Length - 1));

        read.Sha256.Should().Be(new string('a', 64));
        read.Size.Should().Be(1234);
    }

    [Theory]
    [InlineData("{\"bagPath\":\"data/x\",\"size\":1}")]
    [InlineData("{\"bagPath\":\"data/x\",\"sha256\":\"aa\"}")]
    [InlineData("[\"bagPath\",\"sha256\",\"size\"]")]
    [InlineData("{\"bagPath\":\"data/x\",\"sha256\":\"aa\",\"size\":1")]
    public void A_line_without_its_three_fields_or_cut_short_is_refused(string line)
    {
        var act = () => RecordLine.FromOwnLine(System.Text.Encoding.UTF8.GetBytes(line));

        act.Should().Throw<JsonException>();
    }
}
