using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// Finds every payload manifest (manifest-ALG.txt) and tag manifest (tagmanifest-ALG.txt) and reads each once, with
/// at most one line per file the bag holds plus slack. Reports which algorithms count (SHA-256, SHA-384, SHA-512),
/// which are checked but weak (MD5, SHA-1), and whether every payload manifest is well-formed.
/// </summary>
internal sealed class ManifestsCheck : IBagCheck
{
    private const string PayloadPrefix = "manifest-";
    private const string TagPrefix = "tagmanifest-";

    public void Run(VerificationContext context)
    {
        var snapshot = context.Snapshot;
        var unknown = new List<string>();
        foreach (var entry in snapshot.EntriesOutsidePayload().OrderBy(e => e.BagPath, StringComparer.Ordinal))
        {
            if (BagHashAlgorithms.FromFileName(entry.BagPath, PayloadPrefix) is { } payloadAlgorithm)
            {
                Add(context, entry.BagPath, payloadAlgorithm, context.PayloadManifests, snapshot.Limits.PayloadManifestLines(snapshot.PayloadFileCount), unknown);
            }
            else if (BagHashAlgorithms.FromFileName(entry.BagPath, TagPrefix) is { } tagAlgorithm)
            {
                Add(context, entry.BagPath, tagAlgorithm, context.TagManifests, snapshot.Limits.TagManifestLines(snapshot.TagFileCount), unknown);
            }
        }
        ReportAlgorithms(context, unknown);
        ReportPayloadManifests(context);
    }

    private static void Add(VerificationContext context, string bagPath, string algorithm, List<ManifestFile> into, long maxLines, List<string> unknown)
    {
        if (!BagHashAlgorithms.IsKnown(algorithm))
        {
            unknown.Add(bagPath);
            return;
        }
        if (context.Snapshot.NotReadable(bagPath) is { } problem)
        {
            into.Add(new ManifestFile(bagPath, algorithm, ManifestLines.Empty, problem + "."));
            return;
        }
        try
        {
            var digits = BagHashAlgorithms.HexDigits(algorithm);
            var lines = new ManifestLines(context.Snapshot, digits, maxLines);
            foreach (var (number, text) in context.Snapshot.ReadLines(bagPath, maxLines, context.TagEncoding))
            {
                lines.Add(BagManifestText.Parse(bagPath, number, text, digits, plainBag: !context.Evidence));
            }
            into.Add(new ManifestFile(bagPath, algorithm, lines, null));
        }
        catch (BundleReaderException e)
        {
            into.Add(new ManifestFile(bagPath, algorithm, ManifestLines.Empty, e.Message));
        }
    }

    private static void ReportAlgorithms(VerificationContext context, List<string> unknown)
    {
        var all = context.PayloadManifests.Select(m => m.Algorithm).ToList();
        var strong = all.Where(a => !BagHashAlgorithms.IsWeak(a)).ToList();
        var weak = all.Where(BagHashAlgorithms.IsWeak).ToList();
        var notes = new List<string>();
        notes.AddRange(weak.Select(a => $"{PayloadPrefix}{a}.txt is checked, but {a.ToUpperInvariant()} is weak: it does not prove integrity against a forger"));
        notes.AddRange(unknown.Select(p => $"{CheckList.Show(p)} uses an algorithm this verifier cannot check"));
        var checks = context.Checks;
        if (all.Count == 0)
        {
            checks.Add(CheckNames.HashAlgorithms, CheckOutcome.Fail, $"There is no payload manifest ({BundleLayout.PayloadManifest} is missing).", notes);
        }
        else if (context.Evidence && !all.Contains("sha256"))
        {
            checks.Add(CheckNames.HashAlgorithms, CheckOutcome.Fail,
                $"{BundleLayout.PayloadManifest} is missing; an EvidenceKit bundle is checked against it (sha256sum -c).", notes);
        }
        else if (strong.Count == 0)
        {
            checks.Add(CheckNames.HashAlgorithms, CheckOutcome.Warn,
                $"Only weak payload manifests ({string.Join(", ", weak)}): the files match them, which a forger could arrange.", notes);
        }
        else if (unknown.Count > 0)
        {
            checks.Add(CheckNames.HashAlgorithms, CheckOutcome.Warn,
                $"Checked with {string.Join(", ", all)}; {CheckList.Count(unknown.Count, "manifest")} could not be checked.", notes);
        }
        else
        {
            checks.Add(CheckNames.HashAlgorithms, CheckOutcome.Pass,
                $"Payload checked with {string.Join(", ", all)}; {string.Join(", ", strong)} count{(weak.Count > 0 ? ", the weak ones are reported" : "")}.", notes);
        }
    }

    private static void ReportPayloadManifests(VerificationContext context)
    {
        if (context.PayloadManifests.Count == 0)
        {
            context.Checks.Add(CheckNames.PayloadManifest, CheckOutcome.Fail, "No payload manifest to read.");
            return;
        }
        var problems = context.PayloadManifests.Where(m => !m.Readable).Select(m => m.Problem!).ToList();
        if (problems.Count > 0)
        {
            context.Checks.Add(CheckNames.PayloadManifest, CheckOutcome.Fail, problems[0], problems.Skip(1).ToList());
            return;
        }
        context.Checks.Add(CheckNames.PayloadManifest, CheckOutcome.Pass, string.Join("; ",
            context.PayloadManifests.Select(m => $"{m.BagPath}: {CheckList.Count(m.Lines.Count, "entry", "entries")}")) + ", all well-formed.");
    }
}
