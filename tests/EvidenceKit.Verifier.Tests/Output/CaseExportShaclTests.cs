using System.Text.Json;
using EvidenceKit.Testing;
using EvidenceKit.Verifier.Tests.Custody;

namespace EvidenceKit.Verifier.Tests.Output;

/// <summary>
/// The CASE export conforms to CASE 1.4.0 and UCO 1.4.0: validated with shacl-engine (SHACL-SPARQL constraints
/// included, through shacl/sparql-constraints.mjs) by tests/EvidenceKit.Verifier.Tests/shacl/validate.mjs against the
/// released ontology files in shared/ontology beside the repository; and the same validator finds the violations of a
/// known-bad export, so a pass means something. Needs node and the script's npm modules (.ci/run installs them with
/// npm ci); without them the tests fail and say so.
/// </summary>
public sealed class CaseExportShaclTests(CustodyBundles bundles) : IClassFixture<CustodyBundles>
{
    [Fact]
    public void The_case_export_of_a_prosecution_bundle_with_two_custody_events_has_no_SHACL_violation_against_CASE_and_UCO_1_4_0()
    {
        var script = Script();
        var ontology = Ontology();
        ontology.Should().NotBeNull("the CASE/UCO 1.4.0 ontology files are in shared/ontology beside the repository (or a folder above it)");
        var bundle = bundles.Collect();
        bundles.Add(bundle, "transfer", null, "examiner-rsa", "--to", "Lena Lawyer", "--location", "Lab 2", "--seal", "S-1").ExitCode.Should().Be(0);
        bundles.Add(bundle, "transfer", null, "examiner", "--to", "Evidence store", "--location", "Vault 1", "--seal", "S-2").ExitCode.Should().Be(0);
        var export = Path.Combine(bundles.NewDirectory("case"), "case.jsonld");
        bundles.Verify(bundle, "--trust", bundles.Root, "--case-export", export).ExitCode.Should().Be(0);

        var run = Run.Tool("node", [script, ontology!, export], timeout: TimeSpan.FromMinutes(20));

        run.StdErr.Should().BeEmpty(run.ToString());
        run.StdOut.Should().StartWith("{", $"validate.mjs prints its report as JSON; it gave {run}");
        using var report = JsonDocument.Parse(run.StdOut);
        var root = report.RootElement;
        root.GetProperty("ontologyFiles").GetInt32().Should().BeGreaterThan(20);
        root.GetProperty("dataQuads").GetInt32().Should().BeGreaterThan(100, "two custody events, the sealed one and the files are in the export");
        root.GetProperty("sparql").GetProperty("queries").GetInt32().Should().BeGreaterThan(0, "the SHACL-SPARQL constraints ran");
        var counts = root.GetProperty("counts");
        counts.GetProperty("Violation").GetInt32().Should().Be(0, run.StdOut);
        counts.GetProperty("Warning").GetInt32().Should().Be(0, run.StdOut);
        counts.GetProperty("Info").GetInt32().Should().Be(0, "every node's IRI ends in a UUID: " + run.StdOut);
        run.ExitCode.Should().Be(0, run.ToString());
    }

    [Fact]
    public void The_validator_finds_violations_where_there_are_some()
    {
        var script = Script();
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
        report.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => r.TryGetProperty("constraint", out var c) ? c.GetString() : null)
            .Should().Contain("http://www.w3.org/ns/shacl#SPARQLConstraintComponent", "UCO's SHACL-SPARQL rule that UcoThings are not blank nodes is run");
    }

    /// <summary>validate.mjs, once its npm modules are installed.</summary>
    private static string Script()
    {
        var script = Path.Combine(Run.RepositoryRoot(), "tests", "EvidenceKit.Verifier.Tests", "shacl", "validate.mjs");
        var modules = Path.Combine(Path.GetDirectoryName(script)!, "node_modules", "shacl-engine");
        Directory.Exists(modules).Should().BeTrue($"the SHACL engine is installed by 'npm ci --prefix {Path.GetDirectoryName(script)}' (.ci/run does it)");
        return script;
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
