namespace EvidenceKit.Testing;

/// <summary>
/// The self-contained single-file <c>evidencekit-collect</c> and <c>evidencekit-verify</c> exactly as README's publish
/// command makes them (<c>scripts/publish.sh</c>, into <c>artifacts/linux-x64</c>), published at most once for one
/// state of the sources and shared by every test and test project that needs them (and by <c>.ci/run</c>, which runs
/// that command before the suite). The folder is used only when <c>artifacts/linux-x64.source-key</c>, which the
/// script writes after a complete publish, equals the key of the sources as they are now
/// (<c>scripts/source-key.sh</c>); otherwise it is published again. A file lock makes test projects running at the
/// same time wait for one publish instead of each making its own. Tests only read the folder; none writes in it.
/// </summary>
public static class PublishedExecutables
{
    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(45);
    private static readonly TimeSpan LockLimit = TimeSpan.FromMinutes(60);
    private static readonly Lazy<string> Published = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder holding both executables, published first if it is missing or from other sources.</summary>
    public static string Folder => Published.Value;

    /// <summary>The published single-file collector.</summary>
    public static string Collector => Path.Combine(Folder, "evidencekit-collect");

    /// <summary>The published single-file verifier.</summary>
    public static string Verifier => Path.Combine(Folder, "evidencekit-verify");

    /// <summary>Whether this call published (false: the folder was already from the current sources).</summary>
    public static bool PublishedHere { get; private set; }

    private static string Publish()
    {
        var repository = Run.RepositoryRoot();
        var artifacts = Directory.CreateDirectory(Path.Combine(repository, "artifacts")).FullName;
        var folder = Path.Combine(artifacts, "linux-x64");
        using var held = Lock(Path.Combine(artifacts, ".publish.lock"));
        var key = SourceKey(repository);
        var stamp = Path.Combine(artifacts, "linux-x64.source-key");
        if (!(Stamp(stamp) == key && Both(folder)))
        {
            var run = Run.Tool("bash", [Path.Combine(repository, "scripts", "publish.sh")], repository, timeout: PublishLimit);
            if (run.ExitCode != 0 || !Both(folder) || Stamp(stamp) != key)
            {
                throw new InvalidOperationException($"scripts/publish.sh did not publish the current sources: {run}");
            }
            PublishedHere = true;
        }
        return folder;
    }

    private static string Stamp(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : "";

    private static bool Both(string folder) =>
        File.Exists(Path.Combine(folder, "evidencekit-collect")) && File.Exists(Path.Combine(folder, "evidencekit-verify"));

    /// <summary>The key of the sources a publish reads, as scripts/publish.sh records it.</summary>
    public static string SourceKey(string repository)
    {
        var run = Run.Tool("bash", [Path.Combine(repository, "scripts", "source-key.sh")], repository);
        if (run.ExitCode != 0 || run.StdOut.Trim().Length != 64)
        {
            throw new InvalidOperationException($"scripts/source-key.sh failed: {run}");
        }
        return run.StdOut.Trim();
    }

    /// <summary>Holds an exclusive lock on <paramref name="path"/> (flock, released when disposed), waiting a bounded time.</summary>
    private static FileStream Lock(string path)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < LockLimit)
            {
                Thread.Sleep(TimeSpan.FromSeconds(1));
            }
        }
    }
}
