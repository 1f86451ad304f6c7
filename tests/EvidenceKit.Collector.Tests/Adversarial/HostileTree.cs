using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests.Adversarial;

/// <summary>Shared steps of the end-to-end attacks: a profile file, running the collector, reading the one bundle.</summary>
internal static class HostileTree
{
    public const string PastAtime = "2020-05-05 05:05:05.123456789 UTC";

    public static string Profile(TempDirectory dir, params string[] paths)
    {
        var list = string.Join(", ", paths.Select(p => "'" + p.Replace("'", "''", StringComparison.Ordinal) + "'"));
        return dir.Write("attack.yaml", $"name: attack\ndescription: test\ntargets:\n  - name: logs\n    description: logs\n    category: application\n    paths: [{list}]\n");
    }

    public static string Atime(string path) => Run.Tool("stat", ["-c", "%x", path]).StdOut.Trim();

    public static void AgeAtime(string path) => Run.Tool("touch", ["-a", "-h", "-d", PastAtime, path]).ExitCode.Should().Be(0);

    public static string SealedBundle(string target)
    {
        var bundle = Directory.GetDirectories(target).Should().ContainSingle().Which;
        bundle.Should().NotEndWith(BundleLayout.PartialSuffix);
        var sums = Run.Tool("sha256sum", ["-c", "--strict", "manifest-sha256.txt"], workingDirectory: bundle);
        sums.ExitCode.Should().Be(0, sums.ToString());
        return bundle;
    }

    public static CustodyManifest Manifest(string bundle) =>
        BundleRecords.Manifest(bundle);

    public static void AssertNoFileContains(string bundle, string secret)
    {
        foreach (var file in Directory.EnumerateFiles(bundle, "*", SearchOption.AllDirectories))
        {
            File.ReadAllText(file).Should().NotContain(secret, file);
        }
    }
}
