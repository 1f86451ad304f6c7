using System.Text;
using System.Text.Json;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Tests.Bundles;

/// <summary>
/// custody/files.jsonl is read line by line without reflection when a line has the plain shape a collector writes.
/// Every line, genuine or hostile, must still be accepted or refused, and read to the same values, as the reflection
/// reader with <see cref="ManifestJson.ReadOptions"/> does; the fast reader must take the genuine lines (or it saves
/// nothing) and leave every odd one to reflection.
/// </summary>
public sealed class FileRecordFastReaderTests
{
    private const string Minimal = """{"id":"E1","bagPath":"data/var/log/a.log","sourcePath":"/var/log/a.log","size":6,"sha256":"ab"}""";

    private static readonly FileRecord Full = ManifestJsonReference.EveryField();

    private static string FullLine => Encoding.UTF8.GetString(FileRecordLines.ToLine(Full)).TrimEnd('\n');

    public static TheoryData<string> Genuine() => new()
    {
        Minimal,
        FullLine,
        Minimal.Replace("}", ",\"notes\":[]}", StringComparison.Ordinal),
        Minimal.Replace("}", ",\"parts\":[],\"atimePreserved\":false,\"uid\":0}", StringComparison.Ordinal),
        " \t" + Minimal + " \r",
    };

    public static TheoryData<string> Odd() => new()
    {
        Minimal.Replace("\"size\":6", "\"size\":6,\"size\":7", StringComparison.Ordinal),
        Minimal.Replace("\"id\":\"E1\"", "\"id\":\"E1\",\"id\":\"E2\"", StringComparison.Ordinal),
        Minimal.Replace(",\"sha256\":\"ab\"", "", StringComparison.Ordinal),
        Minimal.Replace("\"size\":6,", "", StringComparison.Ordinal),
        Minimal.Replace("\"size\":6", "\"size\":-1.5", StringComparison.Ordinal),
        Minimal.Replace("\"size\":6", "\"size\":\"6\"", StringComparison.Ordinal),
        Minimal.Replace("\"size\":6", "\"size\":1e3", StringComparison.Ordinal),
        Minimal.Replace("\"size\":6", "\"size\":9223372036854775808", StringComparison.Ordinal),
        Minimal.Replace("\"size\":6", "\"size\":null", StringComparison.Ordinal),
        Minimal.Replace("}", ",\"uid\":-1}", StringComparison.Ordinal),
        Minimal.Replace("}", ",\"uid\":4294967296}", StringComparison.Ordinal),
        Minimal.Replace("}", ",\"uid\":null}", StringComparison.Ordinal),
        Minimal.Replace("}", ",\"Uid\":5}", StringComparison.Ordinal),
        Minimal.Replace("}", ",\"inode\":18446744073709551616}", StringComparison.Ordinal),
        Minimal.Replace("\"bagPath\"", "\"b\\u0061gPath\"", StringComparison.Ordinal),
        Minimal.Replace("\"bagPath\"", "\"BagPath\"", StringComparison.Ordinal),
        Minimal.Replace("\"sha256\":\"ab\"", "\"sha256\":null", StringComparison.Ordinal),
        Minimal.Replace("\"sha256\":\"ab\"", "\"sha256\":12", StringComparison.Ordinal),
        Minimal.Replace("}", ",\"notes\":null}", StringComparison.Ordinal),
        Minimal.Replace("}", ",\"notes\":[null]}", StringComparison.Ordinal),
        Minimal.Replace("}", ",\"notes\":[1]}", StringComparison.Ordinal),
        Minimal.Replace("}", ",\"notes\":[[]]}", StringComparison.Ordinal),
        Minimal.Replace("}", ",\"notes\":\"x\"}", StringComparison.Ordinal),
        Minimal.Replace("}", ",\"parts\":[\"a\",null]}", StringComparison.Ordinal),
        Minimal.Replace("}", ",\"atimePreserved\":\"true\"}", StringComparison.Ordinal),
        Minimal.Replace("}", ",\"x\":{\"y\":[1,{\"z\":null}]}}", StringComparison.Ordinal),
        Minimal.Replace("}", ",\"x\":" + new string('[', 40) + new string(']', 40) + "}", StringComparison.Ordinal),
        Minimal.Replace("}", ",\"id\":\"E2\"}", StringComparison.Ordinal),
        Minimal.Replace("\"E1\"", "\"E\\u001b[2J\\ud800\"", StringComparison.Ordinal),
        Minimal + " {}",
        Minimal + "x",
        Minimal + "/* c */",
        "\ufeff" + Minimal,
        Minimal.TrimEnd('}'),
        "{}",
        "null",
        "[]",
        "",
        "\"text\"",
    };

    [Theory]
    [MemberData(nameof(Genuine))]
    public void A_genuine_line_is_read_without_reflection_to_what_reflection_reads(string line)
    {
        var utf8 = Encoding.UTF8.GetBytes(line);

        FileRecordFastReader.TryRead(utf8).Should().NotBeNull("a line of the plain shape is the one the fast reader exists for");
        Outcome(() => FileRecordLines.Parse(utf8)).Should().Be(Outcome(() => JsonSerializer.Deserialize<FileRecord>(utf8, ManifestJsonReference.ReflectionRead)));
    }

    [Theory]
    [MemberData(nameof(Odd))]
    public void An_odd_or_hostile_line_is_left_to_reflection_and_accepted_or_refused_as_it_does(string line)
    {
        var utf8 = Encoding.UTF8.GetBytes(line);

        FileRecordFastReader.TryRead(utf8).Should().BeNull("only reflection judges a line that is not of the plain shape");
        Outcome(() => FileRecordLines.Parse(utf8)).Should().Be(Outcome(() => JsonSerializer.Deserialize<FileRecord>(utf8, ManifestJsonReference.ReflectionRead)));
    }

    [Fact]
    public void Invalid_UTF_8_inside_a_string_is_left_to_reflection()
    {
        byte[] utf8 = [.. Encoding.UTF8.GetBytes(Minimal[..^1] + ",\"user\":\""), 0xC3, 0x28, .. "\"}"u8];

        FileRecordFastReader.TryRead(utf8).Should().BeNull();
        Outcome(() => FileRecordLines.Parse(utf8)).Should().Be(Outcome(() => JsonSerializer.Deserialize<FileRecord>(utf8, ManifestJsonReference.ReflectionRead)));
    }

    [Fact]
    public void Every_member_of_a_full_record_is_read()
    {
        FileRecordFastReader.TryRead(Encoding.UTF8.GetBytes(FullLine)).Should().BeEquivalentTo(Full);
    }

    /// <summary>What a reader made of a line: the record written back (what JSON does not show included) or the refusal.</summary>
    private static string Outcome(Func<FileRecord?> read)
    {
        try
        {
            return read() is { } record ? JsonSerializer.Serialize(record, ManifestJsonReference.ReflectionWrite) + $" notes={record.Notes?.GetType().Name} parts={record.Parts?.GetType().Name}" : "refused";
        }
        catch (JsonException)
        {
            return "refused";
        }
    }
}
