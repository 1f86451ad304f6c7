using EvidenceKit.Core.Profiles;

namespace EvidenceKit.Core.Tests.Support;

/// <summary>Builds resolved profiles in code, so collection tests do not depend on the shipped YAML.</summary>
internal static class TestProfiles
{
    public static TargetDefinition Target(string name, params string[] paths) => new()
    {
        Name = name,
        Description = name,
        Category = TargetCategory.Application,
        Paths = paths,
        DefinedIn = "test",
    };

    public static ResolvedProfile Of(params TargetDefinition[] targets) =>
        new(["test-profile"], "test profile", targets, [new ProfileDocument("test-profile", "test", "name: test-profile\n", "00")], []);
}
