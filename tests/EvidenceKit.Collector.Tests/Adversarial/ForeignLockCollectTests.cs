using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests.Adversarial;

/// <summary>
/// Any user of the server who can read a file can hold an exclusive <c>flock(2)</c> on it. .NET's emulation of Windows
/// file sharing takes such locks too, so a collector opening its own executable (hashed for the manifest's tool record)
/// or a profile failed while someone held one. The executables turn that emulation off: a foreign lock on what the
/// collector reads stops nothing.
/// </summary>
public sealed class ForeignLockCollectTests() : SourceAndTargetTest("flock")
{
    [SkippableFact]
    public void A_collection_seals_while_another_process_holds_exclusive_locks_on_the_collector_and_its_profile()
    {
        Requires.Program("flock", "util-linux");
        Directory.CreateDirectory(Source.Combine("var/log/app"));
        File.WriteAllText(Source.File("var/log/app/app.log"), "one line\n");
        var profile = Target.File("profile.yaml");
        File.WriteAllText(profile, "name: profile\ndescription: test\ntargets:\n  - name: logs\n    description: logs\n    category: application\n    paths: [/var/log/app/*.log]\n");
        var target = Directory.CreateDirectory(Target.Combine("out")).FullName;

        using (ForeignLock.Hold(Run.ExecutablePath("evidencekit-collect")))
        using (ForeignLock.Hold(profile))
        {
            var run = Run.Executable("evidencekit-collect", ["--profile", profile, "--root", Source.Path, "--target", target, "--case", "FLOCK-1"],
                timeout: TimeSpan.FromMinutes(3));

            run.ExitCode.Should().Be(0, run.ToString());
            run.ToString().Should().NotContain("used by another process");
        }
        var bundle = Directory.GetDirectories(target).Should().ContainSingle().Subject;
        File.ReadAllText(Path.Combine(bundle, "data", "var", "log", "app", "app.log")).Should().Be("one line\n");
    }
}
