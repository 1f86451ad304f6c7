using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Verification.Snapshot;
using EvidenceKit.Timeline.Bundles;
using EvidenceKit.Timeline.Parsing;
using EvidenceKit.Timeline.Summary;

namespace EvidenceKit.Timeline.Pipeline;

/// <summary>
/// Builds one timeline from verified bundles: each bundle is taken as a bag snapshot (the only way its files are
/// read), its manifest records become the evidence files, the files are parsed in parallel into an external sorter,
/// and the merged events come out in time order with the file each came from.
/// </summary>
internal sealed class TimelineBuilder(TimelineOptions options, IReadOnlyList<ILogParser>? parsers = null) : IDisposable
{
    private readonly List<TimelineBundle> _bundles = [];
    private readonly List<EvidenceFile> _files = [];
    private readonly List<BagSnapshot> _snapshots = [];
    private readonly Dictionary<int, BagSnapshot> _snapshotOf = [];
    private readonly List<string> _unlisted = [];
    private ExternalSorter? _sorter;

    public IReadOnlyList<TimelineBundle> Bundles => _bundles;

    public IReadOnlyList<EvidenceFile> Files => _files;

    /// <summary>Payload files found in a bag that its manifest does not list (not read), as "bundle: bag path".</summary>
    public IReadOnlyList<string> Unlisted => _unlisted;

    /// <summary>Adds a bundle already verified.</summary>
    /// <param name="path">The bundle directory.</param>
    /// <param name="verdict">What every event of it says in <c>verdict</c>.</param>
    /// <param name="verifiedManifestSha256">The manifest's SHA-256 as verified; the manifest read here must match it.</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    /// <exception cref="BundleUnreadableException">The bundle or its manifest cannot be read.</exception>
    public TimelineBundle AddBundle(string path, string verdict, string? verifiedManifestSha256, CancellationToken cancellationToken = default)
    {
        BagSnapshot snapshot;
        try
        {
            snapshot = BagSnapshot.Take(options.BagFiles, Path.GetFullPath(path), new BagLimits(), cancellationToken);
        }
        catch (Exception e) when (e is BundleReaderException or IOException or UnauthorizedAccessException)
        {
            throw new BundleUnreadableException(e.Message, e);
        }
        try
        {
            var facts = ManifestRecords.Read(snapshot, verifiedManifestSha256);
            var bundle = TimelineBundle.Create(path, verdict, facts);
            _bundles.Add(bundle);
            _snapshots.Add(snapshot);
            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in facts.Files.OrderBy(f => f.BagPath, StringComparer.Ordinal))
            {
                var file = new EvidenceFile(_files.Count, bundle, record);
                _files.Add(file);
                _snapshotOf[file.Ordinal] = snapshot;
                listed.Add(record.BagPath);
                listed.UnionWith(record.Parts ?? []);
            }
            foreach (var entry in snapshot.Entries.Where(e => e.Kind != Core.Verification.BagEntryKind.Directory
                         && BagPathRules.IsPayload(e.BagPath) && !listed.Contains(e.BagPath)).OrderBy(e => e.BagPath, StringComparer.Ordinal))
            {
                _unlisted.Add($"{path}: {entry.BagPath}");
            }
            return bundle;
        }
        catch (BundleReaderException e)
        {
            snapshot.Dispose();
            throw new BundleUnreadableException(e.Message, e);
        }
    }

    /// <summary>Parses every file and returns the events in timeline order (read once), with the triage tallies.</summary>
    public TimelineResult Build(CancellationToken cancellationToken = default)
    {
        if (_sorter is not null)
        {
            throw new InvalidOperationException("The timeline was already built.");
        }
        _sorter = new ExternalSorter(options.RunBytes, options.TempRoot);
        var summary = new TriageSummary();
        var names = new FieldNames();
        var sorter = _sorter;
        using (var pipe = new EventPipe((file, batch) =>
               {
                   summary.Observe(file, batch);
                   names.Add(batch);
                   sorter.Add(batch);
               }))
        {
            var reader = new FileReader(options, parsers ?? ParserCatalog.All, pipe);
            // Largest files first so one big file does not finish alone at the end.
            var order = _files.OrderByDescending(f => f.Record.Size).ToList();
            try
            {
                Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
                    file => reader.Read(file, _snapshotOf[file.Ordinal], cancellationToken));
            }
            finally
            {
                pipe.Complete();
            }
        }
        return new TimelineResult(_sorter, summary, names.Sorted(), _files);
    }

    public void Dispose()
    {
        _sorter?.Dispose();
        foreach (var snapshot in _snapshots)
        {
            snapshot.Dispose();
        }
    }
}
