using System.Globalization;
using EvidenceKit.Cli;
using EvidenceKit.Core.Collection;

namespace EvidenceKit.Collector.Commands;

/// <summary>The collect command's settings, bound once from the layered configuration and validated.</summary>
internal sealed record CollectSettings
{
    public required string Profile { get; init; }
    public string? ProfilesDir { get; init; }
    public required string Target { get; init; }
    public string Root { get; init; } = "/";
    public string? Case { get; init; }
    public CollectionMode Mode { get; init; }
    public bool DryRun { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
    public long? MaxFileSize { get; init; }
    public long? MaxTotalSize { get; init; }
    public bool Json { get; init; }
    public bool Quiet { get; init; }
    public bool Verbose { get; init; }
    public bool Force { get; init; }
    public int? Parallelism { get; init; }
    public string? Examiner { get; init; }
    public string? Organization { get; init; }
    public string? Key { get; init; }
    public string? IncidentOwner { get; init; }
    public string? Contact { get; init; }
    public string? Severity { get; init; }
    public string? Reason { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> LegacyHashes { get; init; } = [];
    public string? Tsa { get; init; }
    public bool TsaOptional { get; init; }
    public string? Resume { get; init; }
    public string? SshKey { get; init; }
    public string? HostKeyFingerprint { get; init; }
    public string? KnownHosts { get; init; }
    public EvidenceKit.Core.Bundles.Manifest.ClockOffsetRecord? ClockOffset { get; init; }

    /// <summary>Binds and validates; every problem is a <see cref="CliException"/> with exit code 2.</summary>
    public static CollectSettings From(LayeredSettings s, TimeProvider time)
    {
        var resume = s.Get("resume");
        var profile = s.Get("profile");
        var target = s.Get("target");
        if (resume is null && string.IsNullOrWhiteSpace(profile))
        {
            throw CliException.BadInput("Which logs? Give --profile NAME (see 'evidencekit-collect profiles list'), --profile auto, or --profile FILE.yaml.");
        }
        if (resume is null && string.IsNullOrWhiteSpace(target))
        {
            throw CliException.BadInput("Where to? Give --target DIR (a directory on the evidence drive) or --target sftp://user@host/path.");
        }

        var modeText = s.Get("mode") ?? "analysis";
        var mode = modeText.ToLowerInvariant() switch
        {
            "analysis" => CollectionMode.Analysis,
            "prosecution" => CollectionMode.Prosecution,
            _ => throw CliException.BadInput($"--mode must be 'analysis' or 'prosecution', not '{modeText}'."),
        };

        var severity = s.Get("severity")?.ToLowerInvariant();
        if (severity is not null and not ("low" or "medium" or "high"))
        {
            throw CliException.BadInput($"--severity must be low, medium or high, not '{severity}'.");
        }

        var hashes = s.GetList("hash").Select(h => h.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal)).ToList();
        foreach (var h in hashes)
        {
            if (h is not ("sha1" or "md5" or "sha512" or "sha256"))
            {
                throw CliException.BadInput($"--hash takes sha1, md5 and sha512 (SHA-256 is always taken), not '{h}'.");
            }
        }

        int? parallelism = null;
        if (s.Get("parallel") is { } p)
        {
            parallelism = int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 64
                ? n
                : throw CliException.BadInput($"--parallel must be a number from 1 to 64, not '{p}'.");
        }

        return new CollectSettings
        {
            Profile = profile ?? "",
            ProfilesDir = s.Get("profiles"),
            Target = target ?? "",
            Root = s.Get("root") ?? "/",
            Case = s.Get("case"),
            Mode = mode,
            DryRun = s.GetBool("dry-run"),
            Since = ParseSince(s.Get("since"), time),
            Until = ParseSince(s.Get("until"), time),
            MaxFileSize = ParseSize("max-file-size", s.Get("max-file-size")),
            MaxTotalSize = ParseSize("max-total-size", s.Get("max-total-size")),
            Json = s.GetBool("json"),
            Quiet = s.GetBool("quiet"),
            Verbose = s.GetBool("verbose"),
            Force = s.GetBool("force"),
            Parallelism = parallelism,
            Examiner = s.Get("examiner"),
            Organization = s.Get("org"),
            Key = s.Get("key"),
            IncidentOwner = s.Get("incident-owner"),
            Contact = s.Get("contact"),
            Severity = severity,
            Reason = s.Get("reason"),
            Description = s.Get("description"),
            LegacyHashes = hashes.Where(h => h != "sha256").Distinct().ToList(),
            Tsa = s.Get("tsa"),
            TsaOptional = s.GetBool("tsa-optional"),
            Resume = resume,
            SshKey = s.Get("ssh-key"),
            HostKeyFingerprint = s.Get("host-key-fingerprint"),
            KnownHosts = s.Get("known-hosts"),
            ClockOffset = ClockOffsetOption.Parse(s.Get("clock-offset"), s.Get("clock-reference"), s.Get("clock-measured-at"), time),
        };
    }

    /// <summary>"7d", "12h", "30m", or a date/time (UTC unless it says otherwise).</summary>
    internal static DateTimeOffset? ParseSince(string? text, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var t = text.Trim();
        if (t.Length > 1 && int.TryParse(t[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? span = char.ToLowerInvariant(t[^1]) switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'w' => TimeSpan.FromDays(7 * amount),
                _ => null,
            };
            if (span is { } s)
            {
                return time.GetUtcNow() - s;
            }
        }
        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return date;
        }
        throw CliException.BadInput($"--since takes a duration like 7d, 12h, 30m, 2w, or a date like 2026-11-20 or 2026-11-20T08:00:00Z; '{text}' is neither.");
    }

    private static long? ParseSize(string option, string? text) => text is null
        ? null
        : Sizes.TryParse(text) ?? throw CliException.BadInput($"--{option} takes a size like 500MiB, 2GiB or 1000000, not '{text}'.");
}
