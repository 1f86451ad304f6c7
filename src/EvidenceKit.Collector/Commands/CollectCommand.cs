using System.Diagnostics;
using System.IO.Abstractions;
using EvidenceKit.Cli;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection;
using EvidenceKit.Core.Host;
using EvidenceKit.Platform.Linux;

namespace EvidenceKit.Collector.Commands;

/// <summary>The main job: plan, check the target, copy and hash, seal. Returns the documented exit code.</summary>
internal sealed class CollectCommand(IFileSystem fs, TimeProvider time, TextWriter output)
{
    public async Task<int> ExecuteAsync(CollectSettings settings, IReadOnlyList<string> arguments, CancellationToken cancellationToken,
        PartialBundle? resume = null)
    {
        var clock = Stopwatch.StartNew();
        // Hashing the ~110 MB executable for the manifest is the largest fixed cost of a run (0.07-0.09 s): it runs on
        // the other core beside the profile and the planning below, and is awaited before the request is made.
        var tool = settings.DryRun ? null : ToolIdentity.DescribeInBackground("evidencekit-collect", arguments);
        var root = ResolveRoot(settings.Root);
        // Every source read (detect rules, discovery, logs, identity and account files) goes through this port,
        // confined to the root (--root, or "/" for this machine).
        var source = OpenSource(root);
        using var sourceHandle = source as IDisposable;
        var profile = ProfileResolution.Resolve(fs, settings.ProfilesDir, settings.Profile, source);
        var prosecution = ProsecutionSetup.Prepare(settings, time);

        using var bundleLog = new AcquisitionLogSink();
        using var logger = Logging.Create(settings.Verbose, settings.Quiet, settings.Json, bundleLog);

        using var store = resume?.Store ?? TargetStores.Open(fs, settings, message => logger.Information("{Target}", message));
        var planner = new CollectionPlanner(source, Discovery.Registry);
        var plan = planner.Plan(profile, new PlanningOptions
        {
            Since = settings.Since,
            Until = settings.Until,
            MaxFileSize = settings.MaxFileSize,
            MaxTotalSize = settings.MaxTotalSize,
            NeverCollect = store.Kind == TargetKind.Directory ? [store.Location] : [],
        });
        foreach (var warning in plan.Warnings)
        {
            logger.Warning("{Warning}", warning);
        }
        logger.Information("Profile {Profile}: {Files} files, {Bytes} bytes planned; {Skipped} cannot be collected, {Excluded} excluded, {Empty} targets matched nothing",
            string.Join(",", profile.Names), plan.Files.Count, plan.TotalBytes, plan.Skipped.Count, plan.Excluded.Count, plan.EmptyTargets.Count);

        if (settings.DryRun)
        {
            new Summary(output).WritePlan(plan, settings.Json, store.Location);
            return ExitCodes.Ok;
        }

        var accounts = AccountNames.Read(source);
        foreach (var problem in accounts.Problems)
        {
            logger.Warning("{Warning}", problem);
        }
        var collector = new EvidenceKit.Core.Collection.Collector(source, store, accounts, time, new SerilogCoreLogger(logger));
        if (resume is null && collector.CheckTarget(plan, settings.Force) is { } targetProblem)
        {
            throw CliException.Failed(targetProblem);
        }

        var host = ReadHost(source, root) with { ClockOffset = settings.ClockOffset };
        foreach (var (field, why) in host.Unavailable ?? new Dictionary<string, string>())
        {
            logger.Warning("Host {Field} not recorded: {Reason}", field, why);
        }
        var request = new CollectionRequest
        {
            Mode = settings.Mode,
            Case = new CaseRecord
            {
                Id = settings.Case ?? "no-case",
                IncidentOwner = settings.IncidentOwner,
                PointOfContact = settings.Contact,
                Severity = settings.Severity,
                Reason = settings.Reason,
                Description = settings.Description,
            },
            Examiner = prosecution?.Examiner ?? (settings.Examiner is { } name ? new ExaminerRecord { Name = name, Organization = settings.Organization } : null),
            Signer = prosecution?.Signer,
            Timestamper = prosecution?.Timestamper,
            TimestampOptional = settings.TsaOptional,
            Host = host,
            Tool = await tool!.ConfigureAwait(false), // started at the top for every run that is not a dry run (returned above)
            LegacyHashes = settings.LegacyHashes,
            Parallelism = settings.Parallelism ?? Math.Max(2, Environment.ProcessorCount),
            Force = settings.Force,
            MaxReadRate = settings.MaxReadRate,
            Organization = settings.Organization,
        };

        // Ctrl-C stops the copy or the seal cleanly and the summary names the .partial and the --resume command; a
        // second Ctrl-C ends the process at once.
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, context =>
        {
            context.Cancel = !interrupted.IsCancellationRequested;
            interrupted.Cancel();
        });
        cancellationToken = interrupted.Token;

        CollectionResult result;
        try
        {
            result = await ProgressView.RunAsync(ProgressView.Choose(settings.Json, settings.Quiet), plan.TotalBytes,
                progress => resume is null
                    ? collector.RunAsync(plan, request, bundleLog, progress, CommandLineRedaction.Redact(arguments), cancellationToken)
                    : collector.ResumeAsync(plan, request, bundleLog, progress, resume.Name, resume.Info!, cancellationToken))
                .ConfigureAwait(false);
        }
        catch (TargetWriteException e)
        {
            throw CliException.Failed(e.Message, e);
        }

        var exit = result switch
        {
            { Sealed: true } when result.Skipped.Count == 0 => ExitCodes.Ok,
            { Sealed: true } => ExitCodes.Partial,
            _ when cancellationToken.IsCancellationRequested => ExitCodes.Interrupted,
            _ => ExitCodes.Failed,
        };
        new Summary(output).WriteResult(result, exit, clock.Elapsed, settings.Json, settings.Quiet);
        return exit;
    }

    /// <summary>
    /// Finishes a .partial whose seal was complete when its run stopped (a kill between removing resume.json and the
    /// rename): the journal is removed and the directory renamed. Nothing is signed, so nothing on the drive gains trust.
    /// </summary>
    public int FinishSeal(PartialBundle partial, CollectSettings settings)
    {
        using var store = partial.Store;
        try
        {
            new BundleSealer(store, time).FinishSeal(partial.Name, partial.FinalName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Failed($"Cannot finish sealing {store.Location}/{partial.Name}: {e.Message}", e);
        }
        var bundle = $"{store.Location}/{partial.FinalName}";
        output.WriteLine(settings.Json
            ? System.Text.Json.JsonSerializer.Serialize(new { status = "sealed", exitCode = ExitCodes.Ok, bundle })
            : $"Sealed {bundle}: its seal was complete before the interruption, so it was only renamed. Check it with evidencekit-verify.");
        return ExitCodes.Ok;
    }

    private ISourceFiles OpenSource(string root) =>
        HostAdapters.SourceFiles(fs, root);

    /// <summary>The host record: identity files from the collected root, kernel values from this machine's /proc.</summary>
    private HostRecord ReadHost(ISourceFiles source, string root)
    {
        var machine = root == "/" ? source : OpenSource("/");
        try
        {
            return new LinuxHostInfo(source, machine).Read();
        }
        finally
        {
            if (!ReferenceEquals(machine, source))
            {
                (machine as IDisposable)?.Dispose();
            }
        }
    }

    private string ResolveRoot(string root)
    {
        var full = fs.Path.GetFullPath(root);
        if (!fs.Directory.Exists(full))
        {
            throw CliException.BadInput($"--root {root} is not a directory. Give the directory where the image is mounted, or leave --root out to collect from this machine.");
        }
        return full;
    }
}
