using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Verifier.Tests;

public sealed class BagPathRulesTests
{
    [Theory]
    [InlineData("data/../x", "has a '..' component (escapes its folder)")]
    [InlineData("data/./x", "has a '.' component")]
    [InlineData("/etc/passwd", "is absolute")]
    [InlineData("C:/x", "starts with a drive letter")]
    [InlineData("data/a\\b", "contains a backslash")]
    [InlineData("data//x", "has an empty component")]
    [InlineData("data/x/", "has an empty component")]
    [InlineData("data/x\0y", "contains a control character")]
    [InlineData("data/x\ny", "contains a control character")]
    [InlineData("data/x:stream", "contains ':' (a drive or stream separator on Windows)")]
    [InlineData("", "is empty")]
    public void An_unsafe_path_is_named_with_its_problem(string path, string problem) =>
        BagPathRules.Problem(path).Should().Be(problem);

    [Theory]
    [InlineData("data/var/log/syslog")]
    [InlineData("data/var/log/caf\u00e9~1a2b3c4d.log")]
    [InlineData("data/..hidden/x")]
    public void A_plain_relative_path_is_safe(string path) => BagPathRules.Problem(path).Should().BeNull();
}
