using System.Text.Json;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Tests.Bundles;

/// <summary>
/// A record's line is written with compile-time metadata; its bytes must be exactly those the manifest's own options
/// write through reflection, or a bundle sealed by this version would differ from what its schema says.
/// </summary>
public sealed class FileRecordLinesTests
{
    [Fact]
    public void A_record_with_every_field_and_hostile_text_is_written_byte_for_byte_as_the_manifest_options_write_it()
    {
        // Given a record with every field set, escape sequences, quotes, non-ASCII and line separators in its text
        var record = ManifestJsonReference.EveryField();
        var reflection = new JsonSerializerOptions(ManifestJson.WriteOptions) { WriteIndented = false };

        // When it is written as a line
        var line = FileRecordLines.ToLine(record);

        // Then the bytes are the reflection serializer's, plus the LF, and read back to the same record
        line.Should().Equal([.. JsonSerializer.SerializeToUtf8Bytes(record, reflection), (byte)'\n']);
        FileRecordLines.Parse(line.AsSpan(0, line.Length - 1)).Should().BeEquivalentTo(record);
    }

    [Fact]
    public void A_record_with_only_the_required_fields_leaves_out_every_null_and_keeps_the_empty_notes()
    {
        var record = new FileRecord { Id = "E1", BagPath = "data/a", SourcePath = "/a", Size = 0, Sha256 = new string('0', 64) };

        var text = System.Text.Encoding.UTF8.GetString(FileRecordLines.ToLine(record));

        text.Should().Be("{\"id\":\"E1\",\"bagPath\":\"data/a\",\"sourcePath\":\"/a\",\"size\":0,\"sha256\":\"" + new string('0', 64) + "\",\"notes\":[]}\n");
    }
}
