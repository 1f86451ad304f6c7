using System.CommandLine;
using EvidenceKit.Cli;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection;

namespace EvidenceKit.Collector.Commands;

/// <summary>
/// The collect command's options, each declared once below with its type, help and parser, and the settings bound
/// from them (command line over EVIDENCEKIT_* variables over --config over evidencekit.json over defaults) and
/// validated before anything runs. To add an option: declare a <see cref="Setting{T}"/> here, list it in
/// <see cref="Options"/>, add its property and read it in <see cref="Bind"/>.
/// </summary>
internal sealed record CollectSettings
{
    public static readonly Setting<string> ProfileOption = Settings.Text("--profile", "System profile name (see 'profiles list'), 'auto', or a path to a profile .yaml", "-p");
    public static readonly Setting<string> ProfilesOption = Settings.Text("--profiles", "Directory of profiles that override the built-in ones");
    public static readonly Setting<string> TargetOption = Settings.Text("--target", "Directory on the evidence drive, or sftp://user@host[:port]/path", "-t");
    public static readonly Setting<string> RootOption = Settings.Text("--root", "Collect from a mounted image or a test tree instead of this machine's /");
    public static readonly Setting<string> CaseOption = Settings.Text("--case", "Case id (prosecution: required)");
    public static readonly Setting<CollectionMode> ModeOption = new("--mode", "analysis (default, fast) or prosecution (hashed, re-read, signed)", ParseMode);
    public static readonly Setting<bool> DryRunOption = Setting<bool>.Flag("--dry-run", "Show what would be collected; write nothing");
    public static readonly Setting<TimeBound> SinceOption = new("--since", "Leave out files last modified before this: 7d, 12h, or a date", t => TimeBound.Parse("--since", t));
    public static readonly Setting<TimeBound> UntilOption = new("--until", "End of the time window: leaves out only files created after it (see README)", t => TimeBound.Parse("--until", t));
    public static readonly Setting<long?> MaxFileSizeOption = Size("--max-file-size", "Leave out files larger than this, e.g. 2GiB");
    public static readonly Setting<long?> MaxTotalSizeOption = Size("--max-total-size", "Cap the whole collection; newest files first");
    public static readonly Setting<bool> JsonOption = Setting<bool>.Flag("--json", "Print one machine-readable summary and nothing else on stdout");
    public static readonly Setting<bool> QuietOption = Setting<bool>.Flag("--quiet", "Print only the bundle path (or errors)", "-q");
    public static readonly Setting<bool> VerboseOption = Setting<bool>.Flag("--verbose", "More detail; stack traces on errors", "-v");
    public static readonly Setting<string> ConfigOption = Settings.Text("--config", "A JSON configuration file (after evidencekit.json, before environment and options)");
    public static readonly Setting<bool> ForceOption = Setting<bool>.Flag("--force", "Start even if the target looks too small");
    public static readonly Setting<int?> ParallelOption = Settings.Number("--parallel", "Files copied at once (default: CPU count, at least 2)", 1, 64);
    public static readonly Setting<string> ExaminerOption = Settings.Text("--examiner", "Examiner name; prosecution: must be the --key certificate's common name (default: that name)");
    public static readonly Setting<string> OrgOption = Settings.Text("--org", "Examiner's organisation");
    public static readonly Setting<string> KeyOption = Settings.Text("--key", "Examiner key, PKCS#12 (prosecution); passphrase from EVIDENCEKIT_KEY_PASSPHRASE or a prompt");
    public static readonly Setting<string> IncidentOwnerOption = Settings.Text("--incident-owner", "Who owns the incident");
    public static readonly Setting<string> ContactOption = Settings.Text("--contact", "Point of contact");
    public static readonly Setting<string> SeverityOption = Settings.Choice("--severity", "low, medium or high", "low", "medium", "high");
    public static readonly Setting<string> ReasonOption = Settings.Text("--reason", "Why the evidence is collected");
    public static readonly Setting<string> DescriptionOption = Settings.Text("--description", "Description of the incident");
    public static readonly Setting<string[]> HashOption = new("--hash", "Extra legacy hashes: sha1,md5,sha512 (SHA-256 is always taken)", ParseHashes);
    public static readonly Setting<string> TsaOption = Settings.Text("--tsa", "RFC 3161 time-stamp authority URL");
    public static readonly Setting<bool> TsaOptionalOption = Setting<bool>.Flag("--tsa-optional", "Seal without a timestamp if the authority is down");
    public static readonly Setting<string> ResumeOption = Settings.Text("--resume", "Finish an interrupted collection: path of the NAME.partial bundle");
    public static readonly Setting<string> SshKeyOption = Settings.Text("--ssh-key", "SSH private key for an sftp:// target (without it: the SSH agent in SSH_AUTH_SOCK, else a password)");
    public static readonly Setting<string> HostKeyFingerprintOption = Settings.Text("--host-key-fingerprint", "Pinned SHA256:... fingerprint of the SFTP server's host key");
    public static readonly Setting<string> KnownHostsOption = Settings.Text("--known-hosts", "known_hosts file with the SFTP server's host key");
    public static readonly Setting<long?> MaxRateOption = new("--max-rate", "Cap the source read rate across all workers, e.g. 20MiB/s", ParseRate);
    public static readonly Setting<bool> LowPriorityOption = Setting<bool>.Flag("--low-priority", "Run at the lowest CPU priority (nice 19) and the idle I/O class");
    public static readonly Setting<string> ClockOffsetOpt = Settings.Text("--clock-offset", "This host's clock minus a reference clock, SECONDS[:UNCERTAINTY], recorded in the manifest");
    public static readonly Setting<string> ClockReferenceOption = Settings.Text("--clock-reference", "The clock --clock-offset was measured against, e.g. controller (default: reference)");
    public static readonly Setting<string> ClockMeasuredAtOption = Settings.Text("--clock-measured-at", "When --clock-offset was measured, on the reference clock (default: now, corrected by the offset)");

    /// <summary>Every option of the collect command, in the order help lists them.</summary>
    public static IReadOnlyList<Option> Options { get; } =
    [
        ProfileOption.Option, TargetOption.Option, RootOption.Option, CaseOption.Option, ModeOption.Option, DryRunOption.Option,
        SinceOption.Option, UntilOption.Option, MaxFileSizeOption.Option, MaxTotalSizeOption.Option, ProfilesOption.Option,
        JsonOption.Option, QuietOption.Option, VerboseOption.Option, ConfigOption.Option, ForceOption.Option, ParallelOption.Option,
        ExaminerOption.Option, OrgOption.Option, KeyOption.Option, IncidentOwnerOption.Option, ContactOption.Option,
        SeverityOption.Option, ReasonOption.Option, DescriptionOption.Option, HashOption.Option, TsaOption.Option,
        TsaOptionalOption.Option, ResumeOption.Option, SshKeyOption.Option, HostKeyFingerprintOption.Option, KnownHostsOption.Option,
        MaxRateOption.Option, LowPriorityOption.Option, ClockOffsetOpt.Option, ClockReferenceOption.Option, ClockMeasuredAtOption.Option,
    ];

    /// <summary>The built-in defaults, the bottom layer.</summary>
    public static IReadOnlyDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>
    {
        [ModeOption.Key] = CollectionModes.Name(CollectionMode.Analysis),
        [RootOption.Key] = "/",
    };

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
    public long? MaxReadRate { get; init; }
    public bool LowPriority { get; init; }
    public ClockOffsetRecord? ClockOffset { get; init; }

    /// <summary>The layered settings of one command line: defaults, files, environment, then the options typed.</summary>
    public static LayeredSettings Layer(ParseResult parse) =>
        LayeredSettings.Build(Defaults, ConfigOption.Read(parse), TopLevel.Explicit(parse, Options));

    /// <summary>Binds and validates; every problem is a <see cref="CliException"/> with exit code 2 that names its option.</summary>
    public static CollectSettings Bind(LayeredSettings s, TimeProvider time)
    {
        var resume = ResumeOption.Read(s);
        var profile = ProfileOption.Read(s);
        var target = TargetOption.Read(s);
        if (resume is null && string.IsNullOrWhiteSpace(profile))
        {
            throw CliException.BadInput("Which logs? Give --profile NAME (see 'evidencekit-collect profiles list'), --profile auto, or --profile FILE.yaml.");
        }
        if (resume is null && string.IsNullOrWhiteSpace(target))
        {
            throw CliException.BadInput("Where to? Give --target DIR (a directory on the evidence drive) or --target sftp://user@host/path.");
        }
        return new CollectSettings
        {
            Profile = profile ?? "",
            ProfilesDir = ProfilesOption.Read(s),
            Target = target ?? "",
            Root = RootOption.Read(s) ?? "/",
            Case = CaseOption.Read(s),
            Mode = ModeOption.Read(s),
            DryRun = DryRunOption.Read(s),
            Since = SinceOption.Read(s)?.At(time),
            Until = UntilOption.Read(s)?.At(time),
            MaxFileSize = MaxFileSizeOption.Read(s),
            MaxTotalSize = MaxTotalSizeOption.Read(s),
            Json = JsonOption.Read(s),
            Quiet = QuietOption.Read(s),
            Verbose = VerboseOption.Read(s),
            Force = ForceOption.Read(s),
            Parallelism = ParallelOption.Read(s),
            Examiner = ExaminerOption.Read(s),
            Organization = OrgOption.Read(s),
            Key = KeyOption.Read(s),
            IncidentOwner = IncidentOwnerOption.Read(s),
            Contact = ContactOption.Read(s),
            Severity = SeverityOption.Read(s),
            Reason = ReasonOption.Read(s),
            Description = DescriptionOption.Read(s),
            LegacyHashes = s.GetList(HashOption.Key) is { Count: > 0 } list ? ParseHashes(string.Join(',', list)) : [],
            Tsa = TsaOption.Read(s),
            TsaOptional = TsaOptionalOption.Read(s),
            Resume = resume,
            SshKey = SshKeyOption.Read(s),
            HostKeyFingerprint = HostKeyFingerprintOption.Read(s),
            KnownHosts = KnownHostsOption.Read(s),
            MaxReadRate = MaxRateOption.Read(s),
            LowPriority = LowPriorityOption.Read(s),
            ClockOffset = ClockOffsetOption.Parse(ClockOffsetOpt.Read(s), ClockReferenceOption.Read(s), ClockMeasuredAtOption.Read(s), time),
        };
    }

    private static CollectionMode ParseMode(string text) => CollectionModes.Parse(text.Trim().ToLowerInvariant())
        ?? throw CliException.BadInput($"--mode must be 'analysis' or 'prosecution', not '{text}'.");

    private static string[] ParseHashes(string text)
    {
        var hashes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h => h.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal)).ToList();
        foreach (var h in hashes)
        {
            if (h is not ("sha1" or "md5" or "sha512" or "sha256"))
            {
                throw CliException.BadInput($"--hash takes sha1, md5 and sha512 (SHA-256 is always taken), not '{h}'.");
            }
        }
        return hashes.Where(h => h != "sha256").Distinct().ToArray();
    }

    /// <summary>"20MiB/s" (or "20MiB"): a positive size per second.</summary>
    private static long? ParseRate(string text)
    {
        var size = text.Trim();
        if (size.EndsWith("/s", StringComparison.OrdinalIgnoreCase))
        {
            size = size[..^2];
        }
        return Sizes.TryParse(size) is > 0 and var rate
            ? rate
            : throw CliException.BadInput($"--max-rate takes a rate like 20MiB/s or 500KiB/s, not '{text}'.");
    }

    private static Setting<long?> Size(string name, string description) =>
        new(name, description, text => Sizes.TryParse(text) ?? throw CliException.BadInput($"{name} takes a size like 500MiB, 2GiB or 1000000, not '{text}'."));
}
