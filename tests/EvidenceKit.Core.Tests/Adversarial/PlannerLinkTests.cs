namespace EvidenceKit.Core.Tests.Adversarial;

/// <summary>
/// How the planner treats links: the fixed part of a profile path is resolved inside the root (an image's
/// /var/log/nginx may be a link to /srv/nginx-logs in the same image); links met during a walk are never followed.
/// </summary>
public sealed class PlannerLinkTests() : SourceAndTargetTest("plink")
{
    [Fact]
    public void A_glob_whose_fixed_directory_is_a_link_inside_the_image_is_walked_there_under_the_profile_path()
    {
        Source.Write("srv/nginx-logs/access.log", "GET /\n");
        Directory.CreateDirectory(Source.Combine("var/log"));
        File.CreateSymbolicLink(Source.Combine("var/log/nginx"), "/srv/nginx-logs");

        var plan = new CollectorHarness(Source.Path, Target.Path).Plan(TestProfiles.Of(TestProfiles.Target("nginx", "/var/log/nginx/*.log")));

        plan.Files.Should().ContainSingle().Which.HostPath.Should().Be("/var/log/nginx/access.log");
        plan.Skipped.Should().BeEmpty();
    }

    [Fact]
    public void A_link_to_a_directory_met_during_a_walk_is_recorded_and_not_descended_into()
    {
        Source.Write("var/log/app/app.log", "kept\n");
        Source.Write("etc/shadow", "root:x\n");
        File.CreateSymbolicLink(Source.Combine("var/log/app/etc"), "/etc");

        var plan = new CollectorHarness(Source.Path, Target.Path).Plan(TestProfiles.Of(TestProfiles.Target("app", "/var/log/app/**")));

        plan.Files.Select(f => f.HostPath).Should().Equal("/var/log/app/app.log");
        plan.Excluded.Should().ContainSingle(s => s.Path == "/var/log/app/etc" && s.Reason == "symbolic link to /etc (not followed)");
    }
}
