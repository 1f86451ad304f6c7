using EvidenceKit.Testing;

namespace EvidenceKit.Fleet.Tests.Support;

/// <summary>
/// The self-contained single-file collector and verifier, published once per test run into one temporary folder
/// (what the playbook copies to the hosts and runs on the controller).
/// </summary>
public sealed class PublishedBinaries : IDisposable
{
    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(12);

    public PublishedBinaries()
    {
        Dir = Directory.CreateTempSubdirectory("ek-fleet-bin-").FullName;
        var repository = Run.RepositoryRoot();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var project in new[] { "EvidenceKit.Collector", "EvidenceKit.Verifier" })
        {
            var result = Run.Tool("dotnet",
            [
                "publish", Path.Combine(repository, "src", project), "-c", "Release", "-r", "linux-x64", "--self-contained",
                "-p:PublishSingleFile=true", "-p:DebugType=none", "-p:PublishDocumentationFile=false", "-o", Dir, "--nologo",
            ], repository, timeout: PublishLimit);
            if (result.ExitCode != 0)
            {
                Dispose();
                throw new InvalidOperationException($"dotnet publish {project} failed: {result.StdOut}{result.StdErr}");
            }
        }
        PublishTime = clock.Elapsed;
    }

    public string Dir { get; }

    public string Collector => Path.Combine(Dir, "evidencekit-collect");

    public string Verifier => Path.Combine(Dir, "evidencekit-verify");

    public TimeSpan PublishTime { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
