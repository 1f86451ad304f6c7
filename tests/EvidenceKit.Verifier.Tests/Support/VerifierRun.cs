using EvidenceKit.Platform.Linux;
using EvidenceKit.Testing;
using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier.Tests.Support;

/// <summary>Runs the Core verifier on a real directory with the fake CMS.</summary>
internal static class VerifierRun
{
    public static VerificationReport Verify(string bundleDir, FakeCms? cms = null, TrustPolicy? trust = null, bool requireSignature = false)
    {
        var options = new VerificationOptions { Trust = trust ?? TrustPolicy.None, RequireSignature = requireSignature };
        return new BundleVerifier(new FileSystem(), new LinuxBagFilesFactory(), cms ?? new FakeCms(), TimeProvider.System, options).Verify(bundleDir);
    }

    public static CheckResult Check(this VerificationReport report, string name) =>
        report.Checks.Single(c => c.Name == name);

    public static int Sha256sumStrict(string bundleDir) =>
        Run.Tool("sha256sum", ["-c", "--strict", "--quiet", "manifest-sha256.txt"], bundleDir, timeout: TimeSpan.FromSeconds(30)).ExitCode;
}
