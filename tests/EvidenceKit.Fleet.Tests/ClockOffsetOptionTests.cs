using EvidenceKit.Fleet.Tests.Support;
using EvidenceKit.Testing;

namespace EvidenceKit.Fleet.Tests;

/// <summary>The collector's --clock-offset options refuse what is not a measurement, before anything is read or written.</summary>
[Collection(FleetCollection.Name)]
public sealed class ClockOffsetOptionTests(FleetScenario fleet)
{
    [SkippableTheory]
    [InlineData("--clock-offset", "soon", "--clock-offset takes SECONDS[:UNCERTAINTY]")]
    [InlineData("--clock-offset", "0.5:-1", "the uncertainty after ':' must be a number of seconds of 0 or more")]
    [InlineData("--clock-offset", "1e12", "--clock-offset takes SECONDS[:UNCERTAINTY]")]
    [InlineData("--clock-reference", "controller", "give it too")]
    public void A_clock_offset_that_is_not_a_measurement_is_refused_with_exit_2(string option, string value, string message)
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        using var target = new TempDirectory("ek-clock-");
        var result = Run.Tool(fleet.Binaries!.Collector, ["--profile", "linux-base", "--root", fleet.Host("web11").Root, "--target", target.Path, option, value]);
        result.ExitCode.Should().Be(2, result.StdOut + result.StdErr);
        (result.StdOut + result.StdErr).Should().Contain(message);
        Directory.EnumerateFileSystemEntries(target.Path).Should().BeEmpty();
    }

    [SkippableFact]
    public void A_hostile_clock_reference_name_is_refused()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        using var target = new TempDirectory("ek-clock-");
        var result = Run.Tool(fleet.Binaries!.Collector,
            ["--profile", "linux-base", "--root", fleet.Host("web11").Root, "--target", target.Path, "--clock-offset", "0.1", "--clock-reference", "ctl\u001b[2J"]);
        result.ExitCode.Should().Be(2);
        (result.StdOut + result.StdErr).Should().NotContain("\u001b");
        Directory.EnumerateFileSystemEntries(target.Path).Should().BeEmpty();
    }
}
