using System.Text.Json;
using EvidenceKit.Testing;
using EvidenceKit.Verifier.Tests.Custody;

namespace EvidenceKit.Verifier.Tests.Output;

/// <summary>
/// The SHACL validator the CASE export is checked with (tests/EvidenceKit.Verifier.Tests/shacl/validate.mjs, shacl-engine
/// with SHACL-SPARQL constraints, against the released ontology files in shared/ontology beside the repository) finds
/// the violations of a known-bad export. A conformance test of a real export is not here: shacl-engine 1.1.2 does not
/// settle (node exits 13) on some exports, depending on the bundle, so such a test would not be reliable. Needs node and the script's npm modules
/// (.ci/run installs them with npm ci); without them the test fails and says so.
/// </summary>
public sealed class CaseExportShaclTests(CustodyBundles bundles) : IClassFixture<CustodyBundles>
{
    [Fact]
    public void The_validator_finds_violations_where_there_are_some()
    {
        var script = Path.Combine(Run.RepositoryRoot(), "tests", "EvidenceKit.Verifier.Tests", "shacl", "validate.mjs");
        Directory.Exists(Path.Combine(Path.GetDirectoryName(script)!, "node_modules", "shacl-engine")).Should().BeTrue("npm ci installs the SHACL engine (.ci/run does it)");
        var ontology = Ontology();
        ontology.Should().NotBeNull();
        var bad = Path.Combine(bundles.NewDirectory("bad-case"), "bad.jsonld");
        File.WriteAllText(bad, """
            {
              "@context": { "uco-observable": "https://ontology.unifiedcyberontology.org/uco/observable/", "uco-core": "https://ontology.unifiedcyberontology.org/uco/core/",
                            "uco-types": "https://ontology.unifiedcyberontology.org/uco/types/" },
              "@graph": [ { "@type": "uco-observable:File", "uco-core:hasFacet": [ { "@type": "uco-observable:ContentDataFacet",
                "uco-observable:hash": [ { "@type": "uco-types:Hash", "uco-types:hashMethod": "SHA256" } ] } ] } ]
            }
            """);

        var run = Run.Tool("node", [script, ontology!, bad], timeout: TimeSpan.FromMinutes(20));

        run.ExitCode.Should().Be(1, run.ToString());
        run.StdOut.Should().StartWith("{", $"validate.mjs prints its report as JSON; it gave {run}");
        using var report = JsonDocument.Parse(run.StdOut);
        report.RootElement.GetProperty("counts").GetProperty("Violation").GetInt32().Should().BeGreaterThan(2, "blank nodes and a hash without a value are violations");
    }

    /// <summary>shared/ontology in the first folder above the test's base directory that has one.</summary>
    private static string? Ontology()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "ontology");
            if (File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }
        return null;
    }
}
