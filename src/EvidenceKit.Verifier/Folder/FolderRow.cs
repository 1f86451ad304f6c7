using EvidenceKit.Cli;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier.Folder;

/// <summary>
/// One bundle of a folder as verified: what the fleet summary and the row on screen show. Texts other than the
/// verdict come from the bundle and are escaped by whoever prints them.
/// </summary>
internal sealed record FolderRow
{
    public required string Name { get; init; }
    public required string Path { get; init; }
    public required Verdict Verdict { get; init; }
    public required int ExitCode { get; init; }
    public string? Host { get; init; }
    public string? Case { get; init; }
    public string? Mode { get; init; }
    public long Files { get; init; }
    public long Bytes { get; init; }
    public string? Signer { get; init; }
    public string? ManifestSha256 { get; init; }
    public ClockOffsetRecord? ClockOffset { get; init; }
    public bool Partial { get; init; }

    /// <summary>The checks that did not pass: "name: detail".</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>A row for an entry that was not verified (a link, a file, a FIFO): ERROR, with the reason.</summary>
    public static FolderRow NotVerified(FolderEntry entry, string why) => new()
    {
        Name = entry.Name,
        Path = entry.Path,
        Verdict = Verdict.Error,
        ExitCode = ExitCodes.BadInput,
        Problems = [$"bundle: {why}"],
    };

    /// <summary>
    /// The row of a verified bundle; INVALID, whatever the bundle's own verdict, when it names another host than
    /// <paramref name="expectedHost"/> (see <see cref="HostBinding"/>).
    /// </summary>
    public static FolderRow From(FolderEntry entry, VerificationReport report, string? expectedHost)
    {
        var binding = HostBinding.Problem(report, expectedHost);
        var verdict = binding is null ? report.Verdict : Verdict.Invalid;
        return new FolderRow
        {
            Name = entry.Name,
            Path = entry.Path,
            Verdict = verdict,
            ExitCode = ExitCodes.Of(verdict),
            Host = report.Facts?.Manifest?.Host?.Hostname,
            Case = report.Facts?.Manifest?.Case?.Id,
            Mode = report.Mode,
            Files = report.Partial ? report.FinishedFiles.Count : report.Figures.Files,
            Bytes = report.Figures.Bytes,
            Signer = report.Signer?.Subject,
            ManifestSha256 = report.Facts?.ManifestSha256,
            ClockOffset = report.Facts?.Manifest?.Host?.ClockOffset,
            Partial = report.Partial,
            Problems = (binding is null ? [] : new[] { $"{HostBinding.CheckName}: {binding}" })
                .Concat(report.Checks
                    .Where(c => c.Outcome is CheckOutcome.Fail or CheckOutcome.Warn)
                    .Select(c => $"{c.Name}: {c.Detail}"))
                .ToList(),
        };
    }
}
