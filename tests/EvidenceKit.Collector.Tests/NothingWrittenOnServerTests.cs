using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests;

/// <summary>
/// README promises that a collection writes nothing on the server outside its bundle. The collector itself does not;
/// the .NET runtime, unless told otherwise, makes its diagnostics socket and two debugger FIFOs in <c>TMPDIR</c> (or
/// <c>/tmp</c>) for the length of the run. These tests watch the places a run could write to (temporary folder, home,
/// working folder, source root) by their contents and by their own modification time, which moves when anything is
/// created or removed in them, even something removed again before the run ends.
/// </summary>
[Trait("Category", "Slow")]
public sealed class NothingWrittenOnServerTests
{
    [Fact]
    public void With_the_runtime_diagnostics_off_a_collection_creates_nothing_outside_its_bundle()
    {
        using var places = new ServerPlaces();
        var before = places.Observe();

        var run = places.Collect(diagnosticsOff: true);

        run.ExitCode.Should().Be(0, run.ToString());
        places.Observe().Should().Equal(before, "nothing was created, changed or removed in the temporary folder, home, working folder or source");
        Directory.GetDirectories(places.Target.Path).Should().ContainSingle("the bundle is the one thing written");
    }

    [Fact]
    public void With_the_runtime_diagnostics_on_the_runtime_itself_creates_and_removes_entries_in_the_temporary_folder()
    {
        using var places = new ServerPlaces();
        var modifiedBefore = Directory.GetLastWriteTimeUtc(places.Temp.Path);
        Thread.Sleep(50);

        var run = places.Collect(diagnosticsOff: false);

        run.ExitCode.Should().Be(0, run.ToString());
        Directory.GetFileSystemEntries(places.Temp.Path).Should().BeEmpty("the runtime removes its endpoints when it exits normally");
        Directory.GetLastWriteTimeUtc(places.Temp.Path).Should().BeAfter(modifiedBefore,
            "README tells responders to set DOTNET_EnableDiagnostics=0 because the runtime writes to TMPDIR during the run; " +
            "if this fails, the runtime stopped doing so and README should say it");
    }

    /// <summary>A source root, a target, and a fresh temporary folder, home and working folder for one run.</summary>
    private sealed class ServerPlaces : IDisposable
    {
        public TempDirectory Root { get; } = new("ek-root-");
        public TempDirectory Target { get; } = new("ek-target-");
        public TempDirectory Temp { get; } = new("ek-tmpdir-");
        public TempDirectory Home { get; } = new("ek-home-");
        public TempDirectory WorkingFolder { get; } = new("ek-cwd-");

        public ServerPlaces()
        {
            Root.Write("var/log/syslog", "Nov 24 web01 sshd: Accepted publickey\n");
            Root.Write("var/log/auth.log", "Nov 24 web01 sudo: root\n");
        }

        public ProcessResult Collect(bool diagnosticsOff)
        {
            var environment = new Dictionary<string, string?> { ["TMPDIR"] = Temp.Path, ["HOME"] = Home.Path };
            if (diagnosticsOff)
            {
                environment["DOTNET_EnableDiagnostics"] = "0";
            }
            else
            {
                environment["DOTNET_EnableDiagnostics"] = null;
            }
            return Run.Executable("evidencekit-collect", ["--profile", "linux-base", "--root", Root.Path, "--target", Target.Path,
                "--case", "NOWRITE", "--quiet"], workingDirectory: WorkingFolder.Path, environment: environment);
        }

        /// <summary>Every entry of the watched places and each place's own mtime.</summary>
        public IReadOnlyDictionary<string, string> Observe()
        {
            var seen = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, place) in new[] { ("tmp", Temp), ("home", Home), ("cwd", WorkingFolder), ("root", Root) })
            {
                seen[name] = Directory.GetLastWriteTimeUtc(place.Path).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
                foreach (var (path, facts) in TreeSnapshot.Take(place.Path))
                {
                    seen[$"{name}/{path}"] = facts;
                }
            }
            return seen;
        }

        public void Dispose()
        {
            Root.Dispose();
            Target.Dispose();
            Temp.Dispose();
            Home.Dispose();
            WorkingFolder.Dispose();
        }
    }
}
