using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvidenceKit.Cli;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Text;
using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier.Output;

/// <summary>
/// The manifest and custody chain as CASE/UCO JSON-LD (https://caseontology.org), conformant to CASE 1.4.0 and UCO
/// 1.4.0 (zero SHACL violations): one uco-observable:File per evidence id with a FileFacet and a ContentDataFacet
/// (SHA-256 as uco-types:Hash, hashMethod an xsd:string), a case-investigation:ProvenanceRecord per evidence item, a
/// case-investigation:InvestigativeAction for the acquisition, for each custody event and for this verification (which
/// records the verdict), and the case-investigation:Investigation holding them all. Every node, facets and hashes
/// included, has an IRI ending in a UUID (<see cref="CaseIds"/>). A bundle that is not VALID is exported only on
/// request (--force), and then the verdict is stated in the verification action and the bundle's record.
/// </summary>
internal static class CaseExport
{
    /// <summary>The prefixes and IRIs of the @context (UCO 1.x / CASE 1.x namespaces).</summary>
    public static IReadOnlyDictionary<string, string> Context { get; } = new Dictionary<string, string>
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

    public static byte[] Render(BundleDossier d)
    {
        var m = d.Manifest ?? throw new InvalidDataException("custody/manifest.json could not be read, so there is nothing to export.");
        var ids = new CaseIds(m.BundleId);
        var valid = d.Report.Verdict == Verdict.Valid;
        var graph = new JsonArray();
        var everything = new List<string>();
        var people = new Dictionary<string, string>(StringComparer.Ordinal);
        var locations = new Dictionary<string, string>(StringComparer.Ordinal);

        string Add(JsonObject node)
        {
            graph.Add(node);
            var id = (string)node["@id"]!;
            everything.Add(id);
            return id;
        }

        string Person(string name, string? organization)
        {
            if (!people.TryGetValue(name, out var id))
            {
                id = Add(new JsonObject
                {
                    ["@id"] = ids.For("person", name),
                    ["@type"] = "uco-identity:Person",
                    ["uco-core:name"] = name,
                    ["uco-core:description"] = organization is null ? null : $"of {organization}",
                });
                people[name] = id;
            }
            return id;
        }

        string Location(string name)
        {
            if (!locations.TryGetValue(name, out var id))
            {
                id = Add(new JsonObject
                {
                    ["@id"] = ids.For("location", name),
                    ["@type"] = "uco-location:Location",
                    ["uco-core:name"] = name,
                });
                locations[name] = id;
            }
            return id;
        }

        var collector = Add(new JsonObject
        {
            ["@id"] = ids.For("tool", "collector"),
            ["@type"] = "uco-tool:Tool",
            ["uco-core:name"] = m.Tool.Name,
            ["uco-tool:version"] = m.Tool.Version,
            ["uco-core:description"] = m.Tool.Sha256 is { } toolSha ? $"executable SHA-256 {toolSha}" : null,
        });
        var verifier = Add(new JsonObject
        {
            ["@id"] = ids.For("tool", "verifier"),
            ["@type"] = "uco-tool:Tool",
            ["uco-core:name"] = "evidencekit-verify",
            ["uco-tool:version"] = d.VerifierVersion,
        });
        var host = Add(new JsonObject
        {
            ["@id"] = ids.For("device", "source"),
            ["@type"] = "uco-observable:Device",
            ["uco-core:name"] = m.Host.Hostname,
            ["uco-core:description"] = string.Join("; ", new[] { m.Host.Fqdn, m.Host.Os, m.Host.Kernel, m.Host.MachineId is { } id ? $"machine-id {id}" : null }.OfType<string>()),
        });

        var records = new List<string>();
        foreach (var f in m.Files.DistinctBy(f => f.Id, StringComparer.Ordinal))
        {
            var file = Add(new JsonObject
            {
                ["@id"] = ids.For("file", f.Id),
                ["@type"] = "uco-observable:File",
                ["uco-core:hasFacet"] = new JsonArray(FileFacet(ids, f), ContentFacet(ids, f)),
            });
            records.Add(Add(new JsonObject
            {
                ["@id"] = ids.For("provenance-record", f.Id),
                ["@type"] = "case-investigation:ProvenanceRecord",
                ["case-investigation:exhibitNumber"] = $"{m.Case.Id}-{f.Id}",
                ["uco-core:description"] = $"{f.SourcePath} collected from {m.Host.Hostname}, kept in the bundle as {f.BagPath}",
                ["uco-core:object"] = new JsonArray(Ref(file)),
            }));
        }
        var bundleRecord = Add(new JsonObject
        {
            ["@id"] = ids.For("provenance-record", "bundle"),
            ["@type"] = "case-investigation:ProvenanceRecord",
            ["case-investigation:exhibitNumber"] = m.Case.Id,
            ["uco-core:description"] = $"evidence bundle {d.BundleName} (bundle id {m.BundleId}), manifest SHA-256 {d.ManifestSha256}; "
                + $"verification verdict {ReportText.Verdict(d.Report.Verdict)}: {VerdictWords.Headline(d).Meaning}"
                + (ReportEvidence.Unlisted(m) is { } unlisted ? $"; {unlisted}" : ""),
            ["uco-core:object"] = new JsonArray(records.Select(r => (JsonNode)Ref(r)).ToArray()),
        });

        var examiner = m.Examiner is { } ex ? Person(ex.Name, ex.Organization) : null;
        Add(Action(ids.For("action", "acquisition"), "acquired", m.Started, m.Finished, examiner, collector,
            [host], [.. records, bundleRecord], null,
            $"{m.Mode} collection with profile {string.Join(", ", m.Profile.Names)} to {m.Target.Kind} {m.Target.Location}"));

        foreach (var e in d.Chain.Events)
        {
            if (e.Event is not { } ev)
            {
                continue;
            }
            var performer = Person(ev.Actor.Name, ev.Actor.Organization);
            var description = string.Join("; ", new[]
            {
                ev.From is { } from ? $"from {from}" : null,
                ev.To is { } to ? $"to {to}" : null,
                ev.Purpose is { } purpose ? $"purpose: {purpose}" : null,
                ev.Medium is { } medium ? $"medium: {medium}" : null,
                ev.Seal is { } seal ? $"seal {seal}" : null,
                valid && ev.Verification is { } v ? $"the handler's own verification then: {v.Verdict} at {v.VerifiedAt}" : null,
                $"custody event {e.Path}, SHA-256 {e.Sha256}, signed by certificate {ev.Actor.CertificateSha256}",
            }.OfType<string>());
            Add(Action(ids.For("action", $"custody-{e.Sequence:D6}"), $"custody-{ev.Kind}", ev.Time, ev.Time, performer,
                ev.Kind == CustodyEventKinds.Sealed ? collector : verifier, [bundleRecord], [bundleRecord],
                ev.Location is { } where ? Location(where) : null, description));
        }

        Add(Action(ids.For("action", "verification"), "verified", Timestamps.Format(d.VerifiedAt), Timestamps.Format(d.VerifiedAt), null, verifier,
            [bundleRecord], [bundleRecord], null, Verification(d)));

        var investigation = new JsonObject
        {
            ["@id"] = ids.For("investigation", m.Case.Id),
            ["@type"] = "case-investigation:Investigation",
            ["uco-core:name"] = m.Case.Id,
            ["uco-core:description"] = m.Case.Description ?? m.Case.Reason ?? $"logs of {m.Host.Hostname}",
            ["case-investigation:focus"] = m.Case.Reason,
            ["uco-core:object"] = new JsonArray(everything.Select(id => (JsonNode)Ref(id)).ToArray()),
        };
        graph.Insert(0, investigation);

        var context = new JsonObject { ["kb"] = CaseIds.Prefix };
        foreach (var (prefix, iri) in Context)
        {
            context[prefix] = iri;
        }
        var document = new JsonObject { ["@context"] = context, ["@graph"] = graph };
        RemoveNulls(document);
        return JsonSerializer.SerializeToUtf8Bytes(document, new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    /// <summary>The verification's verdict, what it means, and every check that failed or warned.</summary>
    private static string Verification(BundleDossier d)
    {
        var open = VerdictWords.NotEstablished(d);
        return $"evidencekit-verify {d.VerifierVersion}: verdict {ReportText.Verdict(d.Report.Verdict)} (exit {ExitCodes.Of(d.Report.Verdict)}). {VerdictWords.Headline(d).Meaning}"
            + (open.Count == 0 ? "" : " Not established: " + string.Join(" | ", open));
    }

    private static JsonObject FileFacet(CaseIds ids, FileRecord f)
    {
        var name = f.SourcePath.Split('/', '\\').LastOrDefault() ?? f.SourcePath;
        var dot = name.LastIndexOf('.');
        return new JsonObject
        {
            ["@id"] = ids.For("file-facet", f.Id),
            ["@type"] = "uco-observable:FileFacet",
            ["uco-observable:fileName"] = name,
            ["uco-observable:filePath"] = f.SourcePath,
            ["uco-observable:extension"] = dot > 0 && dot < name.Length - 1 ? name[(dot + 1)..] : null,
            ["uco-observable:isDirectory"] = false,
            ["uco-observable:sizeInBytes"] = f.Size,
            ["uco-observable:modifiedTime"] = Time(f.Mtime),
            ["uco-observable:accessedTime"] = Time(f.Atime),
            ["uco-observable:observableCreatedTime"] = Time(f.Birthtime),
        };
    }

    private static JsonObject ContentFacet(CaseIds ids, FileRecord f) => new()
    {
        ["@id"] = ids.For("content-data-facet", f.Id),
        ["@type"] = "uco-observable:ContentDataFacet",
        ["uco-observable:sizeInBytes"] = f.Size,
        ["uco-observable:hash"] = new JsonArray(new JsonObject
        {
            ["@id"] = ids.For("hash", f.Id),
            ["@type"] = "uco-types:Hash",
            ["uco-types:hashMethod"] = new JsonObject { ["@type"] = "xsd:string", ["@value"] = "SHA256" },
            ["uco-types:hashValue"] = new JsonObject { ["@type"] = "xsd:hexBinary", ["@value"] = f.Sha256 },
        }),
    };

    private static JsonObject Action(string id, string name, string? start, string? end, string? performer, string instrument,
        IReadOnlyList<string> objects, IReadOnlyList<string> results, string? location, string description) => new()
    {
        ["@id"] = id,
        ["@type"] = "case-investigation:InvestigativeAction",
        ["uco-core:name"] = name,
        ["uco-core:description"] = description,
        ["uco-action:startTime"] = Time(start),
        ["uco-action:endTime"] = Time(end),
        ["uco-action:performer"] = performer is null ? null : Ref(performer),
        ["uco-action:instrument"] = Ref(instrument),
        ["uco-action:location"] = location is null ? null : Ref(location),
        ["uco-action:object"] = new JsonArray(objects.Select(o => (JsonNode)Ref(o)).ToArray()),
        ["uco-action:result"] = new JsonArray(results.Select(r => (JsonNode)Ref(r)).ToArray()),
    };

    private static JsonObject Ref(string id) => new() { ["@id"] = id };

    private static JsonObject? Time(string? utc) => utc is null ? null : new JsonObject { ["@type"] = "xsd:dateTime", ["@value"] = utc };

    private static void RemoveNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    o.Remove(key);
                }
                foreach (var (_, value) in o)
                {
                    RemoveNulls(value);
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    RemoveNulls(item);
                }
                break;
        }
    }
}
