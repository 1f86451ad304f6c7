using System.Collections.Concurrent;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Host;
using EvidenceKit.Core.Text;
using Microsoft.Extensions.Logging;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// Runs a planned collection into a target store: creates NAME.partial, copies every planned file in parallel
/// (journalling each one), then seals the bundle. A file that fails is a record, not an abort; a target that fails
/// ends the run with the partial bundle left for <c>--resume</c>.
/// </summary>
public sealed class Collector(
    ISourceFiles source,
    ITargetStore store,
    AccountNames accounts,
    TimeProvider time,
    ILogger log)
{
    /// <summary>Bytes reserved on the target for tag files per collected file.</summary>
    private const long OverheadPerFile = 2048;

    /// <summary>Checks the target can take the plan; returns a message saying what is wrong, or null.</summary>
    public string? CheckTarget(CollectionPlan plan, bool force)
    {
        var space = store.GetSpace();
        var need = plan.TotalBytes + plan.Files.Count * OverheadPerFile + (1 << 20);
        if (space.FreeBytes is { } free && free < need && !force)
        {
            return $"The target has {Sizes.Format(free)} free but this collection needs about {Sizes.Format(need)}. " +
                "Use a larger drive, narrow the plan (--since, --max-file-size, --max-total-size), or pass --force to try anyway.";
        }
        if (space.MaxFileSize is { } maxFile && plan.Files.FirstOrDefault(f => f.AtPlan.Size > maxFile) is { } big)
        {
            return $"The target's file system ({space.FileSystem}) cannot hold files over {Sizes.Format(maxFile)}, and {big.HostPath} " +
                $"is {Sizes.Format(big.AtPlan.Size)}. Use an exFAT, NTFS or ext4 drive, or leave such files out with --max-file-size 4GiB.";
        }
        return null;
    }

    /// <summary>Collects and seals.</summary>
    public async Task<CollectionResult> RunAsync(CollectionPlan plan, CollectionRequest request, IAcquisitionLog acquisitionLog,
        IProgress<CollectionProgress>? progress, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var bundleId = Guid.NewGuid();
        DateTimeOffset started;
        string finalName;
        // Names are exact to the second: a run right after another of this case and host (README's lines pasted at once)
        // waits for the next second rather than fail; a name still taken after two waits stops it.
        for (var wait = 0; Taken(finalName = BundleNames.Of(request.Case.Id, request.Host.Hostname, started = time.GetUtcNow())) && wait < 2; wait++)
        {
            await Task.Delay(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - started.UtcTicks % TimeSpan.TicksPerSecond), time, cancellationToken).ConfigureAwait(false);
        }
        var partial = finalName + BundleLayout.PartialSuffix;
        if (store.Exists(finalName) || store.Exists(partial))
        {
            throw new TargetWriteException($"{store.Location}/{finalName} already exists; wait a second and run again, or choose another target.");
        }

        try
        {
            store.CreateDirectory(partial + "/" + BundleLayout.DataDir);
            store.CreateDirectory(partial + "/" + BundleLayout.CustodyDir);
            WriteResumeInfo(partial, new ResumeInfo
            {
                BundleId = bundleId,
                FinalName = finalName,
                Started = Timestamps.Format(started),
                Mode = CollectionModes.Name(request.Mode),
                Arguments = arguments,
            });
            acquisitionLog.Attach(store.Create(partial + "/" + BundleLayout.CollectionLog));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TargetWriteException($"Cannot create the bundle in {store.Location}: {e.Message}", e);
        }

        log.LogInformation("Collecting {Files} files ({Bytes} bytes) into {Bundle} in {Mode} mode",
            plan.Files.Count, plan.TotalBytes, $"{store.Location}/{partial}", CollectionModes.Name(request.Mode));

        return await CopyAndSealAsync(plan, request, acquisitionLog, progress, bundleId, started, partial, finalName,
            new ResumedFiles(store, partial, plan.Files.Count), [], cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Finishes an interrupted collection in <paramref name="partial"/>. Nothing the drive holds is trusted: a journalled
    /// copy is kept only when <see cref="ResumeProver"/> proves it against the source; whatever else is in the .partial
    /// (links, special files, unproven copies) is removed by unlinking the entry itself; the rest is copied; then it seals.
    /// </summary>
    public async Task<CollectionResult> ResumeAsync(CollectionPlan plan, CollectionRequest request, IAcquisitionLog acquisitionLog,
        IProgress<CollectionProgress>? progress, string partial, ResumeInfo info, CancellationToken cancellationToken)
    {
        var bundlePath = $"{store.Location}/{partial}";
        PartialReview.Result review;
        try
        {
            review = new PartialReview(source, store, accounts, time, log).Review(plan, request, partial, cancellationToken);
            store.CreateDirectory(partial + "/" + BundleLayout.DataDir);
            store.CreateDirectory(partial + "/" + BundleLayout.CustodyDir);
            AttachResumedLog(acquisitionLog, partial, review.Notes);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Unsealed(bundlePath, plan, 0, 0, plan.Skipped, Interrupted(bundlePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TargetWriteException($"Cannot resume {bundlePath}: {e.Message}", e);
        }
        foreach (var note in review.Notes)
        {
            log.LogInformation("{Note}", note);
        }
        var started = DateTimeOffset.Parse(info.Started, System.Globalization.CultureInfo.InvariantCulture);
        return await CopyAndSealAsync(plan, request, acquisitionLog, progress, info.BundleId, started, partial, info.FinalName,
            review.Kept, review.Notes, cancellationToken, review.Reasons).ConfigureAwait(false);
    }

    private void AttachResumedLog(IAcquisitionLog acquisitionLog, string partial, List<string> notes)
    {
        var path = partial + "/" + BundleLayout.CollectionLog;
        try
        {
            acquisitionLog.Attach(store.OpenAppend(path));
        }
        catch (UnsafeTargetEntryException e)
        {
            // Appending to a hard-linked log would write to its other name too; the first run's log is given up instead.
            log.LogWarning("{Message}; the first run's collection.log is removed and a new one started", e.Message);
            notes.Add($"resume-removed: {BundleLayout.CollectionLog} of the first run was not a plain file ({e.Message}); a new log was started");
            store.DeleteFile(path);
            acquisitionLog.Attach(store.OpenAppend(path));
        }
    }

    /// <summary>Copies what the journal does not already hold, then seals. Shared by a first run and a resume.</summary>
    internal async Task<CollectionResult> CopyAndSealAsync(CollectionPlan plan, CollectionRequest request, IAcquisitionLog acquisitionLog,
        IProgress<CollectionProgress>? progress, Guid bundleId, DateTimeOffset started, string partial, string finalName,
        ResumedFiles alreadyDone, IReadOnlyList<string> runNotes, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? resumeReasons = null)
    {
        var engine = new CopyEngine(source, store, new CopyOptions(request.Mode, request.LegacyHashes)
        {
            ReadRate = request.MaxReadRate is { } rate ? new ReadRateLimiter(rate) : null,
        }, accounts);
        // Finished records go to the journal and are read back from it when sealing; only a fingerprint of each is kept.
        var collected = alreadyDone.Records;
        var noted = alreadyDone.Noted;
        var failed = new ConcurrentBag<SkippedRecord>();
        var todo = CopyOrder.Of(plan, alreadyDone);
        var filesTotal = plan.Files.Count;
        var bytesTotal = plan.TotalBytes;
        var filesDone = alreadyDone.Count;
        var bytesDone = alreadyDone.Bytes;
        long collectedBytes = bytesDone;
        TargetWriteException? targetFailure = null;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using (var journal = new BundleJournal(store, partial, durable: request.Mode == CollectionMode.Prosecution))
        {
            try
            {
                Parallel.ForEach(todo, new ParallelOptions { MaxDegreeOfParallelism = request.Parallelism, CancellationToken = stop.Token }, index =>
                {
                    // Made from the compact plan for this copy only, and dropped with it.
                    var file = plan.Files[index];
                    try
                    {
                        var outcome = CopyWithReconnect(engine, file, partial, journal, acquisitionLog, stop.Token);
                        if (resumeReasons is not null && resumeReasons.TryGetValue(file.Id, out var why))
                        {
                            outcome = AgainOnResume(outcome, why);
                        }
                        if (outcome.Collected is { } record)
                        {
                            // Serialized once: the journal writes these bytes and the fingerprint is taken of them.
                            var line = FileRecordLines.ToLine(record);
                            AppendToJournal(journal, line, partial, acquisitionLog);
                            collected.AddLine(line);
                            noted.Add(record);
                            Interlocked.Add(ref collectedBytes, record.Size);
                            foreach (var note in record.Notes)
                            {
                                log.LogWarning("{Path}: {Note}", file.HostPath, note);
                            }
                        }
                        else if (outcome.Skipped is { } skipped)
                        {
                            failed.Add(skipped);
                            log.LogWarning("Not collected: {Path}: {Reason}", skipped.Path, skipped.Reason);
                        }
                        var n = Interlocked.Increment(ref filesDone);
                        var b = Interlocked.Add(ref bytesDone, outcome.Collected?.Size ?? 0);
                        progress?.Report(new CollectionProgress(n, filesTotal, b, bytesTotal, file.HostPath));
                    }
                    catch (TargetWriteException e)
                    {
                        // The file in hand is not in the journal, so a resume copies it again; the record says why it is missing now.
                        failed.Add(NotCollected.Record(file.HostPath, SkipOutcome.NotFinished, $"not finished: {e.Message}", file.Target));
                        Interlocked.CompareExchange(ref targetFailure, e, null);
                        stop.Cancel();
                    }
                });
            }
            catch (OperationCanceledException) when (targetFailure is not null || cancellationToken.IsCancellationRequested)
            {
                // Reported below.
            }
        }

        var skippedAll = plan.Skipped.Concat(failed.OrderBy(s => s.Path, StringComparer.Ordinal)).ToList();
        var bundlePath = $"{store.Location}/{partial}";
        if (targetFailure is not null)
        {
            log.LogError("The target failed: {Message}", targetFailure.Message);
            acquisitionLog.Detach();
            return Unsealed(bundlePath, plan, collected.Count, collectedBytes, skippedAll, targetFailure.Message);
        }
        if (cancellationToken.IsCancellationRequested)
        {
            log.LogWarning("Interrupted; the partial bundle can be resumed");
            acquisitionLog.Detach();
            return Unsealed(bundlePath, plan, collected.Count, collectedBytes, skippedAll, Interrupted(bundlePath));
        }

        var finished = time.GetUtcNow();
        log.LogInformation("Copied {Files} files; {Failed} failed; sealing", collected.Count, failed.Count);
        var manifest = new CustodyManifest
        {
            BundleId = bundleId,
            Mode = CollectionModes.Name(request.Mode),
            Case = request.Case,
            Examiner = request.Examiner,
            Host = request.Host,
            Tool = request.Tool,
            Profile = new ProfileRecord
            {
                Names = plan.Profile.Names,
                Files = plan.Profile.Documents.Select(d => new ProfileFileRecord { Name = d.Name, Source = d.Source, Sha256 = d.Sha256, Text = d.Text }).ToList(),
                Selection = plan.Profile.Selection,
            },
            Started = Timestamps.Format(started),
            Finished = Timestamps.Format(finished),
            Target = new TargetRecord { Kind = TargetKinds.Name(store.Kind), Location = store.Location, FileSystem = store.GetSpace().FileSystem },
            HashAlgorithms = ["sha256", .. request.LegacyHashes],
            Bag = new BagRecord { BagitTxtSha256 = "", BagInfoTxtSha256 = "", ManifestSha256TxtSha256 = "", CollectionLogSha256 = "", PayloadOxum = "" },
            Skipped = skippedAll,
            Excluded = plan.Excluded,
            EmptyTargets = plan.EmptyTargets,
            Notes = runNotes,
        };

        var bagInfo = new List<KeyValuePair<string, string>>
        {
            new("Source-Organization", request.Organization ?? request.Examiner?.Organization ?? "unspecified"),
            new("Contact-Name", request.Examiner?.Name ?? request.Case.PointOfContact ?? "unspecified"),
            new("External-Identifier", request.Case.Id),
            new("External-Description", $"Logs of {request.Host.Hostname} collected by {request.Tool.Name} {request.Tool.Version} in {CollectionModes.Name(request.Mode)} mode, profile {string.Join(", ", plan.Profile.Names)}"),
            new("Bag-Group-Identifier", bundleId.ToString()),
        };
        var sealer = new BundleSealer(store, time);
        SealResult sealedBundle;
        try
        {
            sealedBundle = await sealer.SealAsync(new SealInput(partial, finalName, manifest, bagInfo, Lines: collected.Read()), acquisitionLog,
                request.Signer, request.Timestamper, request.TimestampOptional, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.LogWarning("Interrupted while sealing; the partial bundle can be resumed");
            return Unsealed(bundlePath, plan, collected.Count, collectedBytes, skippedAll, Interrupted(bundlePath));
        }
        catch (TimestampException e)
        {
            var message = $"every file is copied, but the time-stamp authority failed ({e.Message}), so the bundle is not sealed. " +
                $"Seal it without a timestamp: {ResumeCommand(bundlePath)} --tsa-optional; or with another authority: {ResumeCommand(bundlePath)} --tsa URL";
            log.LogError("{Message}", message);
            return Unsealed(bundlePath, plan, collected.Count, collectedBytes, skippedAll, message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not TargetConnectionLostException)
        {
            var message = $"sealing failed on the target ({e.Message}); every copied file is journalled. Finish it with: {ResumeCommand(bundlePath)}";
            log.LogError("{Message}", message);
            return Unsealed(bundlePath, plan, collected.Count, collectedBytes, skippedAll, message);
        }
        foreach (var warning in sealedBundle.Warnings)
        {
            log.LogWarning("{Warning}", warning);
        }

        return new CollectionResult(true, $"{store.Location}/{finalName}", sealedBundle.Manifest, collected.Count, collectedBytes,
            skippedAll, plan.Excluded, plan.EmptyTargets, null) { Warnings = sealedBundle.Warnings, NotedFiles = noted.Files };
    }

    /// <summary>The exact command that finishes the partial bundle at <paramref name="bundlePath"/>.</summary>
    public static string ResumeCommand(string bundlePath) => $"evidencekit-collect --resume {ShellQuote(bundlePath)}";

    private static string Interrupted(string bundlePath) =>
        $"interrupted; the partial bundle is kept with every finished file journalled. To finish it: {ResumeCommand(bundlePath)}";

    private static string ShellQuote(string text) =>
        text.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ':' or '@' or '=' or ',')
            ? text
            : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static FileOutcome AgainOnResume(FileOutcome outcome, string why)
    {
        var note = $"copied again on resume: {why}";
        return outcome.Collected is { } record
            ? FileOutcome.Ok(record with { Notes = [.. record.Notes, note] })
            : outcome.Skipped is { } skipped ? FileOutcome.Failed(skipped with { Reason = $"{skipped.Reason} ({note})" }) : outcome;
    }

    private void AppendToJournal(BundleJournal journal, byte[] line, string partial, IAcquisitionLog acquisitionLog)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                journal.AppendLine(line);
                return;
            }
            catch (TargetConnectionLostException e) when (attempt < ConnectionAttempts)
            {
                // The copy itself is complete; only its journal line was lost. A torn line makes a resume stop
                // trusting the journal there and copy the rest again, which is safe.
                log.LogWarning("Connection to the target lost while writing the journal ({Message}); reconnecting", e.Message);
                Reconnect(journal, acquisitionLog, partial);
            }
            catch (IOException e)
            {
                throw new TargetWriteException($"Cannot write the journal {BundleLayout.Journal} on the target: {e.Message}", e);
            }
        }
    }

    private void Reconnect(BundleJournal journal, IAcquisitionLog acquisitionLog, string partial)
    {
        try
        {
            // The store reconnects on its next call; the journal and log streams of the old session are dead.
            journal.Reopen();
            acquisitionLog.Attach(store.OpenAppend(partial + "/" + BundleLayout.CollectionLog));
        }
        catch (IOException again)
        {
            throw new TargetWriteException($"The connection to {store.Location} was lost and could not be restored: {again.Message}", again);
        }
    }

    /// <summary>Attempts at one file when a network target drops the connection in the middle of it.</summary>
    private const int ConnectionAttempts = 3;

    private FileOutcome CopyWithReconnect(CopyEngine engine, PlannedFile file, string partial, BundleJournal journal,
        IAcquisitionLog acquisitionLog, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return engine.Copy(file, partial, cancellationToken);
            }
            catch (TargetConnectionLostException e)
            {
                if (attempt >= ConnectionAttempts)
                {
                    throw new TargetWriteException($"The connection to {store.Location} was lost and could not be restored: {e.Message}", e);
                }
                log.LogWarning("Connection to the target lost while writing {Path} ({Message}); reconnecting and copying it again", file.HostPath, e.Message);
                Reconnect(journal, acquisitionLog, partial);
            }
        }
    }

    private bool Taken(string name) => store.Exists(name) || store.Exists(name + BundleLayout.PartialSuffix);

    private void WriteResumeInfo(string partial, ResumeInfo info)
    {
        using var stream = store.Create(partial + "/" + BundleLayout.ResumeInfo);
        stream.Write(ManifestJson.ToUtf8(info));
        store.Flush(stream);
    }

    private static CollectionResult Unsealed(string bundlePath, CollectionPlan plan, int collected, long bytes,
        IReadOnlyList<SkippedRecord> skipped, string error) =>
        new(false, bundlePath, null, collected, bytes, skipped, plan.Excluded, plan.EmptyTargets, error);
}
