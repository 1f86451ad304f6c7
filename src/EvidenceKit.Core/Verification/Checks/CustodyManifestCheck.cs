using System.Text.Json;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// custody/manifest.json is a regular file no larger than the bag can need (a base plus a bound a payload file),
/// parses with duplicate keys rejected, and is a custody manifest this verifier can vouch for.
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
            findings.Add($"schema is {CheckList.Show(manifest.Schema)}; this verifier knows {ManifestSchemas.V1} and {ManifestSchemas.V2}");
        }
        if (CollectionModes.Parse(manifest.Mode) is null)
        {
            findings.Add($"mode is {CheckList.Show(manifest.Mode)}; expected \"analysis\" or \"prosecution\"");
        }
        if (manifest.HashAlgorithms.Count == 0 || manifest.HashAlgorithms[0] != "sha256")
        {
            findings.Add("hashAlgorithms does not start with \"sha256\"");
        }
        checks.PassOrFail(CheckNames.CustodyManifest, findings,
            $"Mode {manifest.Mode}, case {CheckList.Show(manifest.Case.Id)}, {CheckList.Count(manifest.Files.Count, "file")}; no duplicate keys.",
            $"{BundleLayout.ManifestJson} parses but is not a custody manifest this verifier can vouch for.");
        context.Manifest = findings.Count == 0 || CollectionModes.Parse(manifest.Mode) is not null ? manifest : null;
    }

    private static string? MissingParts(CustodyManifest manifest)
    {
        // JSON null satisfies "required"; a hostile manifest must not crash the checks below.
        if (manifest.Mode is null || manifest.Case?.Id is null || manifest.Bag is null || manifest.Files is null
            || manifest.HashAlgorithms is null || manifest.Schema is null)
        {
            return "schema, mode, case.id, hashAlgorithms, bag and files must not be null";
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
