using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// No path in any manifest (payload, tag, manifest.json) escapes the bag or its folder; such paths are never opened.
/// In an EvidenceKit bundle a path must also be exactly what sha256sum -c reads, so a percent-encoded one is refused.
/// </summary>
internal sealed class SafePathsCheck : IBagCheck
{
    public static IEnumerable<string> RecordPaths(FileRecord record) =>
        record.Parts is { Count: > 0 } parts ? parts : [record.BagPath];

    public void Run(VerificationContext context)
    {
        var findings = new List<string>();
        foreach (var manifest in context.PayloadManifests)
        {
            var lines = manifest.Lines;
            for (var i = 0; i < lines.Count; i++)
            {
                Judge(context, lines.PathAt(i), manifest.BagPath, lines.LineNumberAt(i), payload: true, findings.Add);
            }
        }
        foreach (var manifest in context.TagManifests)
        {
            foreach (var line in manifest.Lines)
            {
                Judge(context, line.Path, $"{manifest.BagPath} line {line.Line}", payload: false, findings.Add);
            }
        }
        if (context.RecordFindings is { } records)
        {
            // Judged as the records were read (Records.RecordsPass); only the findings are left to report.
            findings.AddRange(records.UnsafePaths.ToList());
        }
        context.Checks.PassOrFail(CheckNames.SafePaths, findings,
            context.Evidence
                ? "Every listed path is relative, inside the bag, without '..', '.', backslashes, drive letters, control characters or percent-encoding."
                : "Every listed path is relative, inside the bag, without '..', '.', backslashes, drive letters or control characters.",
            $"{CheckList.Count(findings.Count, "path")} could escape the bag or its folder, or is not what sha256sum reads; they were not opened.");
    }

    /// <summary>Judges the path on line <paramref name="line"/> of <paramref name="file"/> (its words made only for a finding).</summary>
    private static void Judge(VerificationContext context, string path, string file, long line, bool payload, Action<string> addFinding)
    {
        if (Problem(context, path, payload) is { } problem)
        {
            context.UnsafePaths.Add(path);
            addFinding($"{file} line {line}: {CheckList.Show(path)} {problem}");
        }
    }

    /// <summary>Judges one listed path; an unsafe one is added to <see cref="VerificationContext.UnsafePaths"/> and reported.</summary>
    public static void Judge(VerificationContext context, string path, string where, bool payload, Action<string> addFinding)
    {
        if (Problem(context, path, payload) is { } problem)
        {
            context.UnsafePaths.Add(path);
            addFinding($"{where}: {CheckList.Show(path)} {problem}");
        }
    }

    /// <summary>Judges one record's path; the record's place is put into words only for a finding.</summary>
    public static void Judge(VerificationContext context, string path, Records.RecordPlace where, bool payload, Action<string> addFinding)
    {
        if (Problem(context, path, payload) is { } problem)
        {
            context.UnsafePaths.Add(path);
            addFinding($"{where.Text}: {CheckList.Show(path)} {problem}");
        }
    }

    /// <summary>Why <paramref name="path"/> must not be opened, or null when it is safe (the same answer whenever asked).</summary>
    public static string? Problem(VerificationContext context, string path, bool payload)
    {
        // RFC 8493 lets a plain bag name files with LF or CR (written %0A, %0D); any other control character is refused.
        var judged = context.Evidence ? path : path.Replace('\n', '_').Replace('\r', '_');
        var problem = BagPathRules.Problem(judged)
            ?? (payload && !BagPathRules.IsPayload(path) ? "is not under data/" : null)
            ?? (context.Evidence && BagManifestText.HasPercentEncoding(path)
                ? "is percent-encoded (%0A, %0D or %25): sha256sum -c reads it literally, so it is refused in an EvidenceKit bundle"
                : null);
        return problem;
    }
}
