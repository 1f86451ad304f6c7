using System.Globalization;
using System.Text.RegularExpressions;
using EvidenceKit.Cli;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Collector.Commands;

/// <summary>
/// <c>--clock-offset SECONDS[:UNCERTAINTY]</c>, <c>--clock-reference NAME</c> and <c>--clock-measured-at TIME</c>:
/// the host clock's offset from a reference clock, measured by whoever starts the collector (the fleet playbook
/// measures it against the controller) and recorded in the manifest's host section.
/// </summary>
internal static partial class ClockOffsetOption
{
    /// <summary>Larger offsets (about 31 years) are a typing error, not a clock.</summary>
    public const double MaxSeconds = 1e9;

    /// <summary>The reference name when none is given.</summary>
    public const string DefaultReference = "reference";

    /// <summary>Parses the three values; null when no offset is given. Every problem is exit code 2.</summary>
    public static ClockOffsetRecord? Parse(string? offset, string? reference, string? measuredAt, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(offset))
        {
            if (reference is not null || measuredAt is not null)
            {
                throw CliException.BadInput("--clock-reference and --clock-measured-at describe --clock-offset SECONDS[:UNCERTAINTY]; give it too.");
            }
            return null;
        }
        var parts = offset.Trim().Split(':');
        if (parts.Length > 2 || Number(parts[0]) is not { } seconds || Math.Abs(seconds) > MaxSeconds)
        {
            throw CliException.BadInput($"--clock-offset takes SECONDS[:UNCERTAINTY] (host clock minus reference clock, e.g. -0.25:0.01), not '{offset}'.");
        }
        double? uncertainty = null;
        if (parts.Length == 2)
        {
            uncertainty = Number(parts[1]) is { } u && u >= 0 && u <= MaxSeconds
                ? u
                : throw CliException.BadInput($"--clock-offset: the uncertainty after ':' must be a number of seconds of 0 or more, not '{parts[1]}'.");
        }
        var name = reference?.Trim() ?? DefaultReference;
        if (!ReferenceName().IsMatch(name))
        {
            throw CliException.BadInput("--clock-reference takes a short name of letters, digits, '.', '_' or '-' (e.g. controller), at most 64 characters.");
        }
        DateTimeOffset at;
        if (measuredAt is null)
        {
            // Now on the host's clock, moved onto the reference clock.
            at = time.GetUtcNow() - TimeSpan.FromSeconds(seconds);
        }
        else if (!DateTimeOffset.TryParse(measuredAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at))
        {
            throw CliException.BadInput($"--clock-measured-at takes a time like 2026-12-02T01:30:00.250Z, not '{measuredAt}'.");
        }
        return new ClockOffsetRecord
        {
            Seconds = seconds,
            Reference = name,
            MeasuredAt = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            UncertaintySeconds = uncertainty,
        };
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
        && double.IsFinite(value) ? value : null;

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ReferenceName();
}
