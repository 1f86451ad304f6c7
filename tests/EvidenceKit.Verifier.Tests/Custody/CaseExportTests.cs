using System.Text.Json;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Testing;

namespace EvidenceKit.Verifier.Tests.Custody;

public sealed class CaseExportTests(CustodyBundles bundles) : IClassFixture<CustodyBundles>
{
    /// <summary>
    /// The namespace each prefix has in the CASE project's published examples (casework/CASE-Examples,
    /// examples/illustrations/forensic_lifecycle/forensic_lifecycle.json and file/file.json, UCO 1.x namespaces): a rule
    /// for every uco-* and case-* prefix, so the test pins the scheme rather than copying the exporter's table.
    /// </summary>
    private static string PublishedNamespace(string prefix) => prefix switch
    {
        "xsd" => "http://www.w3.org/2001/XMLSchema#",
        _ when prefix.StartsWith("uco-", StringComparison.Ordinal) => $"https://ontology.unifiedcyberontology.org/uco/{prefix[4..]}/",
        _ when prefix.StartsWith("case-", StringComparison.Ordinal) => $"https://ontology.caseontology.org/case/{prefix[5..]}/",
        _ => $"(no published namespace for '{prefix}')",
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
        var declared = context.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        declared.Where(p => p.Key == "xsd" || p.Key.StartsWith("uco-", StringComparison.Ordinal) || p.Key.StartsWith("case-", StringComparison.Ordinal))
            .Should().OnlyContain(p => p.Value == PublishedNamespace(p.Key), "an ontology prefix names its published namespace");
        PinnedTypes.Concat(PinnedProperties).Select(name => name.Split(':')[0]).Distinct()
            .Should().OnlyContain(prefix => declared.ContainsKey(prefix), "every prefix the export may use is declared");
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
