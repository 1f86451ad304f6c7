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
        var record = new FileRecord
        {
            Id = "E000042",
            BagPath = "data/var/log/we\"ird\\name \u00e9\u2028\u001b[31m.log",
            SourcePath = "/var/log/we\"ird\\name \u00e9\u2028\u001b[31m.log",
            SourcePathBase64 = "AAEC/w==",
            Size = long.MaxValue,
            Sha256 = new string('a', 64),
            VerifiedCopySha256 = new string('a', 64),
            Sha1 = new string('b', 40),
            Md5 = new string('c', 32),
            Sha512 = new string('d', 128),
            Mtime = "2026-11-24T03:12:45.123456789Z",
            Ctime = "2026-11-24T03:12:45Z",
            Atime = "2026-11-24T03:12:46Z",
            Birthtime = "2026-11-24T03:12:44Z",
            Mode = "100644",
            Uid = uint.MaxValue,
            User = "<script>&amp;'",
            Gid = 0,
            Group = "adm\t\r\n",
            Inode = ulong.MaxValue,
            Device = 2049,
            Links = 1,
            FileType = "regular file",
            AtimePreserved = false,
            Target = "nginx-access",
            DiscoveredFrom = "/etc/nginx/nginx.conf",
            Parts = ["\"sha256\":\"x\"", "\ud83d\ude00"],
            Notes = ["grew-during-copy: 1 bytes at open, 2 after", "\u0007bell"],
        };
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
