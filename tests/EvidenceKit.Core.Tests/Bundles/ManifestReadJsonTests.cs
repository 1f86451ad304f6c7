using System.Text.Json;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Tests.Bundles;

/// <summary>
/// Reading a bundle's JSON is a trust boundary: every document, genuine or hostile, must be accepted or refused, and
/// read to the same values, as the reflection reader with <see cref="ManifestJson.ReadOptions"/>' rules does (duplicate
/// keys, depth, required members, unknown members, defaults of absent members). Reading with the compile-time metadata
/// of <see cref="ManifestWriteJsonContext"/> was tried for its startup cost and fails here: the generated code treats
/// init-only members as constructor arguments, so an absent <c>schema</c> or list reads as null instead of its default.
/// </summary>
public sealed class ManifestReadJsonTests
{

    private const string Manifest = """
        {"schema":"evidencekit/custody-manifest/v3","bundleId":"0b5d3a4e-8f51-4a8e-9a43-1f0c1e7b9a10","mode":"analysis",
         "case":{"id":"CASE-1","description":"t\u001b]0;x\u0007"},"host":{"hostname":"web01","ipAddresses":["10.0.0.1"]},
         "tool":{"name":"evidencekit-collect","version":"0.1.0","commandLine":["evidencekit-collect","--case","CASE-1"]},
         "profile":{"names":["p"],"files":[]},"started":"2026-12-02T00:00:00Z","finished":"2026-12-02T00:00:01Z",
         "target":{"kind":"local","location":"/t"},"hashAlgorithms":["sha256"],
         "bag":{"bagitTxtSha256":"a","bagInfoTxtSha256":"b","manifestSha256TxtSha256":"c","collectionLogSha256":"d","payloadOxum":"6.1"},
         "records":{"path":"custody/files.jsonl","sha256":"e","length":10,"count":1,"payloadBytes":6},
         "skipped":[],"notes":["n"]}
        """;

    private const string Record = """
        {"id":"f1","bagPath":"data/var/log/a.log","sourcePath":"/var/log/a.log","size":6,"sha256":"ab","uid":0,"inode":12,"notes":[]}
        """;

    public static TheoryData<string> Manifests() => new()
    {
        Manifest,
        Manifest.Replace("\"schema\":\"evidencekit/custody-manifest/v3\",", "", StringComparison.Ordinal),
        Manifest.Replace("\"records\":{", "\"files\":[" + Record + "],\"x\":{", StringComparison.Ordinal),
        Manifest.Replace("\"records\":{", "\"files\":null,\"records\":{", StringComparison.Ordinal),
        Manifest.Replace("\"skipped\":[],\"notes\":[\"n\"]", "\"unknown\":{\"a\":[1,2,{\"b\":null}]}", StringComparison.Ordinal),
        Manifest.Replace("\"mode\":\"analysis\",", "\"mode\":\"analysis\",\"mode\":\"prosecution\",", StringComparison.Ordinal),
        Manifest.Replace("\"id\":\"CASE-1\"", "\"id\":\"CASE-1\",\"id\":\"CASE-2\"", StringComparison.Ordinal),
        Manifest.Replace("\"bundleId\":\"0b5d3a4e-8f51-4a8e-9a43-1f0c1e7b9a10\",", "", StringComparison.Ordinal),
        Manifest.Replace("\"hostname\":\"web01\",", "", StringComparison.Ordinal),
        Manifest.Replace("\"case\":{\"id\":\"CASE-1\",\"description\":\"t\\u001b]0;x\\u0007\"}", "\"case\":null", StringComparison.Ordinal),
        Manifest.Replace("\"notes\":[\"n\"]", "\"notes\":" + new string('[', 40) + new string(']', 40), StringComparison.Ordinal),
        Manifest.Replace("\"skipped\":[]", "\"deep\":" + new string('[', 31) + new string(']', 31), StringComparison.Ordinal),
        Manifest.Replace("\"length\":10", "\"length\":99999999999999999999999", StringComparison.Ordinal),
        Manifest.Replace("\"bundleId\":\"0b5d3a4e", "\"bundleId\":\"zz5d3a4e", StringComparison.Ordinal),
        Manifest + " {}",
        "null",
        "[]",
    };

    public static TheoryData<string> Records() => new()
    {
        Record,
        Record.Replace(",\"notes\":[]", "", StringComparison.Ordinal),
        Record.Replace("\"size\":6", "\"size\":6,\"size\":7", StringComparison.Ordinal),
        Record.Replace("\"sha256\":\"ab\",", "", StringComparison.Ordinal),
        Record.Replace("\"size\":6", "\"size\":-1.5", StringComparison.Ordinal),
        Record.Replace("\"uid\":0", "\"uid\":-1", StringComparison.Ordinal),
        Record.Replace("\"uid\":0", "\"Uid\":5", StringComparison.Ordinal),
        Record.Replace("\"notes\":[]", "\"notes\":null", StringComparison.Ordinal),
    };

    [Theory]
    [MemberData(nameof(Manifests))]
    public void A_manifest_is_accepted_or_refused_as_reflection_does_and_reads_to_the_same_values(string json)
    {
        var (read, refused) = Outcome<CustodyManifest>(json, ManifestJson.ReadOptions);
        var (expected, expectedRefused) = Outcome<CustodyManifest>(json, ManifestJsonReference.ReflectionRead);

        refused.Should().Be(expectedRefused, "the compile-time reader must refuse exactly what the reflection reader refuses");
        read.Should().Be(expected);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void A_file_record_is_accepted_or_refused_as_reflection_does_and_reads_to_the_same_values(string json)
    {
        var (read, refused) = Outcome<FileRecord>(json, ManifestJson.ReadOptions);
        var (expected, expectedRefused) = Outcome<FileRecord>(json, ManifestJsonReference.ReflectionRead);

        refused.Should().Be(expectedRefused);
        read.Should().Be(expected);
    }

    [Fact]
    public void The_reader_refuses_duplicate_keys_depth_beyond_32_and_missing_required_members()
    {
        var duplicate = Manifest.Replace("\"mode\":\"analysis\",", "\"mode\":\"analysis\",\"mode\":\"prosecution\",", StringComparison.Ordinal);
        var deep = Manifest.Replace("\"notes\":[\"n\"]", "\"notes\":" + new string('[', 40) + new string(']', 40), StringComparison.Ordinal);
        var missing = Manifest.Replace("\"hostname\":\"web01\",", "", StringComparison.Ordinal);

        foreach (var hostile in new[] { duplicate, deep, missing })
        {
            var read = () => ManifestJson.FromUtf8<CustodyManifest>(System.Text.Encoding.UTF8.GetBytes(hostile));
            read.Should().Throw<JsonException>();
        }
        ManifestJson.FromUtf8<CustodyManifest>(System.Text.Encoding.UTF8.GetBytes(Manifest)).Schema.Should().Be("evidencekit/custody-manifest/v3");
    }

    [Fact]
    public void An_absent_member_keeps_its_default_as_under_reflection()
    {
        var json = Manifest.Replace("\"schema\":\"evidencekit/custody-manifest/v3\",", "", StringComparison.Ordinal);

        var manifest = ManifestJson.FromUtf8<CustodyManifest>(System.Text.Encoding.UTF8.GetBytes(json));

        manifest.Schema.Should().Be(CustodyManifest.CurrentSchema);
        manifest.Files.Should().BeEmpty();
        manifest.HasInlineFiles.Should().BeFalse();
        manifest.Excluded.Should().NotBeNull().And.BeEmpty();
    }

    /// <summary>What a reader made of <paramref name="json"/>: the value written back (with what JSON does not show) or the refusal.</summary>
    private static (string? Read, bool Refused) Outcome<T>(string json, JsonSerializerOptions options)
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(System.Text.Encoding.UTF8.GetBytes(json), options);
            var written = JsonSerializer.Serialize(value, ManifestJsonReference.ReflectionWrite);
            return value is CustodyManifest m ? ($"{written} inline={m.HasInlineFiles} files={m.Files.Count}", false) : (written, false);
        }
        catch (JsonException)
        {
            return (null, true);
        }
    }
}
