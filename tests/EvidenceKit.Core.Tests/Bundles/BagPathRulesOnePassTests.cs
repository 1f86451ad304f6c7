using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Tests.Bundles;

/// <summary>
/// A path read from a bundle is judged in one pass without allocation; its answer must be the rule-by-rule answer
/// (kept here as the oracle, as it read before) for every path, hostile ones included.
/// </summary>
public sealed class BagPathRulesOnePassTests
{
    private static readonly string[] Components =
        ["", ".", "..", "...", "a", ".a", "a.", "..a", "a..", "\u0085", "\u007f", "\u009f", "\u00a0", "x:y", "C:", "\\", "a\\b", "\u00e9", "\u2028", "\0", "\t"];

    [Fact]
    public void Every_combination_of_up_to_three_hostile_components_is_judged_as_the_rules_one_by_one_judge_it()
    {
        var judged = 0;
        foreach (var lead in new[] { "", "/", "data/" })
        {
            foreach (var a in Components)
            {
                Check(lead + a);
                foreach (var b in Components)
                {
                    Check(lead + a + "/" + b);
                    foreach (var c in Components)
                    {
                        Check(lead + a + "/" + b + "/" + c);
                        judged++;
                    }
                }
            }
        }
        judged.Should().BeGreaterThan(10_000);
    }

    private static void Check(string path) => BagPathRules.Problem(path).Should().Be(Oracle(path), CheckShow(path));

    private static string CheckShow(string path) => string.Concat(path.Select(c => c < 0x20 || c > 0x7e ? $"\\u{(int)c:x4}" : c.ToString()));

    private static string? Oracle(string bagPath)
    {
        if (bagPath.Length == 0)
        {
            return "is empty";
        }
        if (bagPath.Any(char.IsControl))
        {
            return "contains a control character";
        }
        if (bagPath.Contains('\\', StringComparison.Ordinal))
        {
            return "contains a backslash";
        }
        if (bagPath[0] == '/')
        {
            return "is absolute";
        }
        if (bagPath.Length >= 2 && char.IsAsciiLetter(bagPath[0]) && bagPath[1] == ':')
        {
            return "starts with a drive letter";
        }
        if (bagPath.Contains(':', StringComparison.Ordinal))
        {
            return "contains ':' (a drive or stream separator on Windows)";
        }
        foreach (var component in bagPath.Split('/'))
        {
            switch (component)
            {
                case "":
                    return "has an empty component";
                case ".":
                    return "has a '.' component";
                case "..":
                    return "has a '..' component (escapes its folder)";
            }
        }
        return null;
    }
}
