using System.Text.Json;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection;
using EvidenceKit.Core.Verification.Records;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// custody/manifest.json is a regular file no larger than the bag can need (a base plus a bound a payload file),
/// parses with duplicate keys rejected, and is a custody manifest this verifier can vouch for; its records (inline in
/// v1 and v2, in custody/files.jsonl in v3, streamed and bound by SHA-256, length and count) are read once here, by
/// <see cref="RecordsPass"/>, for the checks after this one.
/// </summary>
internal sealed class CustodyManifestCheck : IBagCheck
{
    public void Run(VerificationContext context)
    {
        var checks = context.Checks;
        if (context.Snapshot.NotReadable(BundleLayout.ManifestJson) is { } problem)
        {
            checks.Add(CheckNames.CustodyManifest, CheckOutcome.Fail, problem + ".");
            return;
        }
        CustodyManifest manifest;
        try
        {
            context.ManifestBytes = context.Snapshot.ReadAll(BundleLayout.ManifestJson,
                context.Snapshot.Limits.ManifestJsonBytes(context.Snapshot.PayloadFileCount));
            manifest = ManifestJson.FromUtf8<CustodyManifest>(context.ManifestBytes);
            if (MissingParts(manifest) is { } missing)
            {
                checks.Add(CheckNames.CustodyManifest, CheckOutcome.Fail, $"{BundleLayout.ManifestJson} is malformed: {missing}.");
                return;
            }
        }
        catch (BundleReaderException e)
        {
            checks.Add(CheckNames.CustodyManifest, CheckOutcome.Fail, e.Message);
            return;
        }
        catch (JsonException e)
        {
            checks.Add(CheckNames.CustodyManifest, CheckOutcome.Fail, $"{BundleLayout.ManifestJson} is malformed: {e.Message}");
            return;
        }

        var findings = new List<string>();
        if (!ManifestSchemas.IsKnown(manifest.Schema))
        {
            findings.Add($"schema is {CheckList.Show(manifest.Schema)}; this verifier knows {ManifestSchemas.V1}, {ManifestSchemas.V2} and {ManifestSchemas.V3}");
        }
        if (CollectionModes.Parse(manifest.Mode) is null)
        {
            findings.Add($"mode is {CheckList.Show(manifest.Mode)}; expected \"analysis\" or \"prosecution\"");
        }
        if (manifest.HashAlgorithms.Count == 0 || manifest.HashAlgorithms[0] != "sha256")
        {
            findings.Add("hashAlgorithms does not start with \"sha256\"");
        }
        var streamed = manifest.Schema == ManifestSchemas.V3;
        var records = streamed ? ReadStreamed(context, manifest, findings) : ReadInline(context, manifest);
        findings.AddRange(records.Malformed.ToList());
        context.RecordFindings = records;
        checks.PassOrFail(CheckNames.CustodyManifest, findings,
            streamed
                ? $"Mode {manifest.Mode}, case {CheckList.Show(manifest.Case.Id)}, {CheckList.Count(records.Count, "file")} in {BundleLayout.FileRecords}, its SHA-256, length and count as the manifest binds; no duplicate keys."
                : $"Mode {manifest.Mode}, case {CheckList.Show(manifest.Case.Id)}, {CheckList.Count(manifest.Files.Count, "file")}; no duplicate keys.",
            $"{BundleLayout.ManifestJson} parses but is not a custody manifest this verifier can vouch for.");
        // For the reports: a v3 manifest carries the first records read, its records section the totals.
        var shown = streamed ? manifest with { Files = [.. records.Sample.OrderBy(f => f.Id, StringComparer.Ordinal)] } : manifest;
        context.Manifest = findings.Count == 0 || CollectionModes.Parse(manifest.Mode) is not null ? shown : null;
    }

    private static RecordFindings ReadInline(VerificationContext context, CustodyManifest manifest) =>
        RecordsPass.Run(context, BundleLayout.ManifestJson, i => $"{BundleLayout.ManifestJson} files[{i}]",
            manifest.Files.Select((f, i) => ((long)i, (FileRecord?)f, (string?)null)));

    private static RecordFindings ReadStreamed(VerificationContext context, CustodyManifest manifest, List<string> findings)
    {
        if (manifest.Records is not { } section)
        {
            findings.Add($"a v3 manifest must have a records section binding {BundleLayout.FileRecords}");
            return RecordsPass.Run(context, BundleLayout.FileRecords, Locate, []);
        }
        var reader = new RecordsFileReader(context.Snapshot, section);
        var readable = reader.CanRead();
        var lines = readable ? reader.Read(context.CancellationToken) : [];
        RecordFindings records;
        try
        {
            records = RecordsPass.Run(context, BundleLayout.FileRecords, Locate, lines);
            records.RecordsFileRefused = !readable;
            records.RecordsFileSha256 = reader.Sha256;
        }
        catch (Exception e) when (e is BundleReaderException or IOException)
        {
            records = RecordsPass.Run(context, BundleLayout.FileRecords, Locate, []);
            reader.Problems.Add(e.Message);
        }
        findings.AddRange(reader.Problems);
        return records;
    }

    private static string Locate(long line) => $"{BundleLayout.FileRecords} line {line}";

    private static string? MissingParts(CustodyManifest manifest)
    {
        // JSON null satisfies "required"; a hostile manifest must not crash the checks below.
        if (manifest.Mode is null || manifest.Case?.Id is null || manifest.Bag is null || manifest.HashAlgorithms is null || manifest.Schema is null)
        {
            return "schema, mode, case.id, hashAlgorithms and bag must not be null";
        }
        if (manifest.Schema == ManifestSchemas.V3)
        {
            if (manifest.HasInlineFiles)
            {
                return $"a v3 manifest holds no files[]: its records are in {BundleLayout.FileRecords}";
            }
            if (manifest.Records is { } records && (records.Path is null || records.Sha256 is null))
            {
                return "records.path and records.sha256 must not be null";
            }
        }
        else if (!manifest.HasInlineFiles || manifest.Records is not null)
        {
            return "a v1 or v2 manifest holds its records in files[] (not null), and no records section";
        }
        if (manifest.Bag.BagitTxtSha256 is null || manifest.Bag.BagInfoTxtSha256 is null || manifest.Bag.ManifestSha256TxtSha256 is null
            || manifest.Bag.CollectionLogSha256 is null || manifest.Bag.PayloadOxum is null)
        {
            return "every field of bag must be present";
        }
        for (var i = 0; i < manifest.Files.Count; i++)
        {
            var file = manifest.Files[i];
            if (file?.BagPath is null || file.Sha256 is null || file.Id is null || (file.Parts?.Any(p => p is null) ?? false))
            {
                return $"files[{i}] lacks id, bagPath or sha256";
            }
        }
        return null;
    }
}
