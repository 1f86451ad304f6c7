using System.Text.Json;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Testing;

namespace EvidenceKit.Verifier.Tests.Custody;

public sealed class CaseExportTests(CustodyBundles bundles) : IClassFixture<CustodyBundles>
{
    /// <summary>
    /// Names as the CASE project's published examples use them (casework/CASE-Examples,
    /// examples/illustrations/forensic_lifecycle/forensic_lifecycle.json and file/file.json, UCO 1.x namespaces).
    /// </summary>
    private static readonly Dictionary<string, string> PinnedContext = new()
    {
        ["case-investigation"] = "https://ontology.caseontology.org/case/investigation/",
        ["uco-action"] = "https://ontology.unifiedcyberontology.org/uco/action/",
        ["uco-core"] = "https://ontology.unifiedcyberontology.org/uco/core/",
        ["uco-identity"] = "https://ontology.unifiedcyberontology.org/uco/identity/",
        ["uco-location"] = "https://ontology.unifiedcyberontology.org/uco/location/",
        ["uco-observable"] = "https://ontology.unifiedcyberontology.org/uco/observable/",
        ["uco-tool"] = "https://ontology.unifiedcyberontology.org/uco/tool/",
        ["uco-types"] = "https://ontology.unifiedcyberontology.org/uco/types/",
        ["uco-vocabulary"] = "https://ontology.unifiedcyberontology.org/uco/vocabulary/",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
    };

    private static readonly HashSet<string> PinnedTypes =
    [
        "case-investigation:Investigation", "case-investigation:InvestigativeAction", "case-investigation:ProvenanceRecord",
        "uco-observable:File", "uco-observable:FileFacet", "uco-observable:ContentDataFacet", "uco-observable:Device",
        "uco-types:Hash", "uco-identity:Person", "uco-location:Location", "uco-tool:Tool",
        "xsd:string", "xsd:hexBinary", "xsd:dateTime",
    ];

    private static readonly HashSet<string> PinnedProperties =
    [
        "uco-core:name", "uco-core:description", "uco-core:object", "uco-core:hasFacet", "case-investigation:focus",
        "case-investigation:exhibitNumber", "uco-action:startTime", "uco-action:endTime", "uco-action:performer",
        "uco-action:instrument", "uco-action:object", "uco-action:result", "uco-action:location", "uco-tool:version",
        "uco-observable:fileName", "uco-observable:filePath", "uco-observable:extension", "uco-observable:isDirectory",
        "uco-observable:sizeInBytes", "uco-observable:modifiedTime", "uco-observable:accessedTime",
        "uco-observable:observableCreatedTime", "uco-observable:hash", "uco-types:hashMethod", "uco-types:hashValue",
    ];

    [Fact]
    public void The_case_export_is_json_ld_with_the_names_of_the_case_examples()
    {
        var bundle = bundles.Collect();
        bundles.Add(bundle, "transfer", null, "examiner", "--location", "Lab 2").ExitCode.Should().Be(0);
        var path = Path.Combine(bundles.NewDirectory("case"), "case.jsonld");

        var run = bundles.Verify(bundle, "--trust", bundles.Root, "--case-export", path);

        run.ExitCode.Should().Be(0, run.ToString());
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var context = root.GetProperty("@context");
        foreach (var (prefix, iri) in PinnedContext)
        {
            context.GetProperty(prefix).GetString().Should().Be(iri);
        }
        var types = new List<string>();
        var properties = new HashSet<string>();
        Walk(root.GetProperty("@graph"), types, properties);
        types.Should().OnlyContain(t => PinnedTypes.Contains(t));
        properties.Should().OnlyContain(p => PinnedProperties.Contains(p));

        var graph = root.GetProperty("@graph").EnumerateArray().ToList();
        var manifest = BundleRecords.Manifest(bundle);
        graph.Count(n => Type(n) == "uco-observable:File").Should().Be(manifest.Files.Count);
        graph.Count(n => Type(n) == "case-investigation:Investigation").Should().Be(1);
        graph.Where(n => Type(n) == "case-investigation:ProvenanceRecord").Select(n => n.GetProperty("case-investigation:exhibitNumber").GetString())
            .Should().Contain(manifest.Files.Select(f => $"IR-2026-7-{f.Id}"));
        var actions = graph.Where(n => Type(n) == "case-investigation:InvestigativeAction").ToList();
        actions.Select(a => a.GetProperty("uco-core:name").GetString()).Should().Equal("acquired", "custody-sealed", "custody-transfer", "verified");
        foreach (var action in actions.Where(a => a.GetProperty("uco-core:name").GetString() != "verified"))
        {
            foreach (var property in new[] { "uco-action:performer", "uco-action:instrument", "uco-action:object", "uco-action:result", "uco-action:startTime", "uco-action:endTime" })
            {
                action.TryGetProperty(property, out _).Should().BeTrue($"{action.GetProperty("uco-core:name")} has {property}");
            }
        }
        var hashes = graph.Where(n => Type(n) == "uco-observable:File")
            .SelectMany(n => n.GetProperty("uco-core:hasFacet").EnumerateArray())
            .Where(f => Type(f) == "uco-observable:ContentDataFacet")
            .Select(f => f.GetProperty("uco-observable:hash")[0])
            .ToList();
        hashes.Should().OnlyContain(h => h.GetProperty("uco-types:hashMethod").GetProperty("@value").GetString() == "SHA256"
            && h.GetProperty("uco-types:hashMethod").GetProperty("@type").GetString() == "xsd:string"
            && h.GetProperty("uco-types:hashValue").GetProperty("@type").GetString() == "xsd:hexBinary");
        hashes.Select(h => h.GetProperty("uco-types:hashValue").GetProperty("@value").GetString())
            .Should().BeEquivalentTo(manifest.Files.Select(f => f.Sha256));
    }

    private static string? Type(JsonElement node) => node.TryGetProperty("@type", out var t) ? t.GetString() : null;

    private static void Walk(JsonElement element, List<string> types, HashSet<string> properties)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "@type")
                    {
                        types.Add(property.Value.GetString()!);
                    }
                    else if (!property.Name.StartsWith('@'))
                    {
                        properties.Add(property.Name);
                    }
                    Walk(property.Value, types, properties);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, types, properties);
                }
                break;
        }
    }
}
