using System.CommandLine;
using System.IO.Abstractions;
using EvidenceKit.Cli;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;
using EvidenceKit.Platform.Linux;
using EvidenceKit.Timeline.Output;
using EvidenceKit.Timeline.Pipeline;
using EvidenceKit.Timeline.Summary;

namespace EvidenceKit.Verifier.Timeline;

/// <summary>
/// <c>evidencekit-verify timeline BUNDLE... --out FILE</c>: verifies each bundle (an INVALID or unreadable one is
/// refused unless --force, and then its events say <c>unverified</c>), parses every collected log it knows, and writes
/// one merged, time-sorted timeline (JSONL or CSV for Timesketch) or the body file of the collected files' metadata.
/// What could not be read is always listed on stderr; --summary prints the triage summary. Exit 0 written, 1 refused
/// (a bundle not VALID enough), 2 usage or unreadable bundle.
/// </summary>
internal sealed class TimelineCommand(
    Func<ISignatureVerifier> createSignatureVerifier,
    Func<ITimestampVerifier?> createTimestampVerifier,
    Func<IEnumerable<string>, IReadOnlyList<byte[]>> loadTrustAnchors,
    TimeProvider time,
    TextWriter stdout,
    TextWriter stderr)
{
    private readonly Argument<string[]> _bundles = new("BUNDLE") { Description = "Bundle directories (a fleet's hosts together).", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string?> _out = new("--out", "-o") { Description = "The timeline file to write." };
    private readonly Option<string> _format = new("--format") { Description = "jsonl (default) or csv for Timesketch, or bodyfile (Sleuth Kit, for mactime -b).", DefaultValueFactory = _ => "jsonl" };
    private readonly Option<string?> _since = new("--since") { Description = "Leave out events before this time (ISO 8601; UTC when no zone is given)." };
    private readonly Option<string?> _until = new("--until") { Description = "Leave out events after this time (a date alone means to the end of that day, UTC)." };
    private readonly Option<bool> _force = new("--force") { Description = "Build a timeline from an INVALID bundle too; its events are marked verdict=unverified." };
    private readonly Option<bool> _includeUnparsed = new("--include-unparsed") { Description = "Keep lines no parser could read as raw events (they are always counted)." };
    private readonly Option<bool> _summary = new("--summary") { Description = "Print the triage summary: sources, busiest clients, errors, authentication failures, attack-pattern matches." };
    private readonly Option<bool> _json = new("--json") { Description = "With --summary: print it as one JSON document." };
    private readonly Option<bool> _correctClock = new("--correct-clock") { Description = "Apply the host clock offset the bundle recorded (host.clockOffset); events say so." };

    public Command Build()
    {
        var command = new Command("timeline", "Build one time-sorted timeline from the logs of verified bundles, every event traced to its evidence file, SHA-256 and line.")
        {
            _bundles, _out, _format, _since, _until, _force, _includeUnparsed, _summary, _json, _correctClock,
        };
        foreach (var option in TrustSettings.Options)
        {
            command.Options.Add(option);
        }
        command.SetAction(parsed => Execute(new TimelineSettings
        {
            Bundles = parsed.GetValue(_bundles) ?? [],
            OutPath = parsed.GetValue(_out),
            Format = parsed.GetValue(_format) ?? "jsonl",
            Since = parsed.GetValue(_since),
            Until = parsed.GetValue(_until),
            Force = parsed.GetValue(_force),
            IncludeUnparsed = parsed.GetValue(_includeUnparsed),
            Summary = parsed.GetValue(_summary),
            Json = parsed.GetValue(_json),
            CorrectClock = parsed.GetValue(_correctClock),
            Trust = TrustSettings.Bind(parsed),
        }));
        return command;
    }

    public int Execute(TimelineSettings settings)
    {
        if (settings.Validate() is { } problem)
        {
            stderr.WriteLine($"evidencekit-verify: {TerminalText.Escape(problem)}");
            return ExitCodes.BadInput;
        }
        TrustPolicy signers;
        TrustPolicy authorities;
        try
        {
            (signers, authorities) = settings.Trust.Load(loadTrustAnchors);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            stderr.WriteLine($"evidencekit-verify: the trust anchors could not be loaded: {TerminalText.Escape(e.Message)}");
            return ExitCodes.BadInput;
        }
        var fileSystem = new FileSystem();
        var bagFiles = HostAdapters.BagFiles(fileSystem);
        var verifier = new BundleVerifier(fileSystem, bagFiles, createSignatureVerifier(), createTimestampVerifier(), time,
            new VerificationOptions { Trust = signers, TsaTrust = authorities });
        using var builder = new TimelineBuilder(new TimelineOptions
        {
            BagFiles = bagFiles,
            Since = settings.SinceTime,
            Until = settings.UntilTime,
            IncludeUnparsed = settings.IncludeUnparsed,
            CorrectClock = settings.CorrectClock,
        });
        foreach (var bundle in settings.Bundles)
        {
            if (AddBundle(builder, verifier, bundle, settings.Force) is { } refused)
            {
                return refused;
            }
        }
        if (settings.Format == "bodyfile")
        {
            using (var output = File.Create(settings.OutPath!))
            {
                BodyfileWriter.Write(builder.Bundles, output);
            }
            stderr.WriteLine($"evidencekit-verify: wrote the body file of {builder.Files.Count} files to {TerminalText.Escape(settings.OutPath)}");
            return ExitCodes.Ok;
        }
        var result = builder.Build();
        var written = Write(result, settings);
        CoverageText.Write(result, builder.Unlisted, written, settings.OutPath!, stderr);
        if (settings.Summary)
        {
            var report = SummaryReport.From(builder.Bundles, result, builder.Unlisted, written);
            if (settings.Json)
            {
                SummaryJson.Write(report, stdout);
            }
            else
            {
                SummaryText.Write(report, stdout);
            }
        }
        return ExitCodes.Ok;
    }

    private int? AddBundle(TimelineBuilder builder, BundleVerifier verifier, string bundle, bool force)
    {
        var report = verifier.Verify(bundle);
        var verdict = report.Verdict switch
        {
            Verdict.Valid => "valid",
            Verdict.Untrusted => "untrusted",
            Verdict.Incomplete => "incomplete",
            _ => null,
        };
        var shown = TerminalText.Escape(bundle);
        if (verdict is null)
        {
            var reason = report.Checks.FirstOrDefault(c => c.Outcome == CheckOutcome.Fail) is { } failed ? $" ({failed.Name}: {failed.Detail})" : "";
            if (!force)
            {
                stderr.WriteLine($"evidencekit-verify: {shown} is {report.Verdict.ToString().ToUpperInvariant()}{TerminalText.Escape(reason)}; "
                    + "no timeline is built from it. --force builds it anyway, with every event marked verdict=unverified.");
                return report.Verdict == Verdict.Error ? ExitCodes.BadInput : ExitCodes.Failed;
            }
            stderr.WriteLine($"evidencekit-verify: {shown} is {report.Verdict.ToString().ToUpperInvariant()}{TerminalText.Escape(reason)}; --force: its events are marked verdict=unverified.");
            verdict = "unverified";
        }
        else
        {
            stderr.WriteLine($"evidencekit-verify: {shown}: {report.Verdict.ToString().ToUpperInvariant()}");
        }
        try
        {
            builder.AddBundle(bundle, verdict, report.Facts?.ManifestSha256);
            return null;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"evidencekit-verify: {shown} could not be read for the timeline: {TerminalText.Escape(e.Message)}");
            return ExitCodes.BadInput;
        }
    }

    private static long Write(TimelineResult result, TimelineSettings settings)
    {
        long written = 0;
        using var output = new FileStream(settings.OutPath!, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using ITimelineWriter writer = settings.Format == "csv" ? new CsvTimelineWriter(output, result.FieldNames) : new JsonlTimelineWriter(output);
        foreach (var (e, file) in result.Events())
        {
            writer.Write(e, file);
            written++;
        }
        return written;
    }
}
