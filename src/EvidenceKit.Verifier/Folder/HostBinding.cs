using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier.Folder;

/// <summary>
/// Binds a bundle to the host whose folder (whose evidence account) it was found in: <c>--expect-host NAME</c> says
/// which host that is, and a sealed bundle whose manifest names another host is flagged INVALID. The manifest's host
/// name is what the collecting kernel reported; an inventory often names the host by its FQDN where the kernel has the
/// short name (or the reverse), so the names match when equal (ignoring case), or when one of them has no dot and it
/// is the other's first label.
/// </summary>
internal static class HostBinding
{
    /// <summary>The name of the problem line a mismatch adds.</summary>
    public const string CheckName = "host-binding";

    /// <summary>Null when the report's bundle may be <paramref name="expected"/>'s (or nothing is expected), else why not.</summary>
    public static string? Problem(VerificationReport report, string? expected)
    {
        if (expected is null || report.Partial || report.Verdict == Verdict.Error)
        {
            return null;
        }
        var host = report.Facts?.Manifest?.Host;
        if (host?.Hostname is not { } hostname)
        {
            return $"the bundle names no host; this folder holds the bundles of {expected}";
        }
        if (Matches(expected, hostname) || (host.Fqdn is { } fqdn && Matches(expected, fqdn)))
        {
            return null;
        }
        return $"the manifest says the bundle was collected on {hostname}, but this folder holds the bundles of {expected}";
    }

    /// <summary>Whether two host names name the same host (see the type's summary).</summary>
    public static bool Matches(string expected, string actual)
    {
        if (string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var expectedShort = !expected.Contains('.', StringComparison.Ordinal);
        var actualShort = !actual.Contains('.', StringComparison.Ordinal);
        return expectedShort != actualShort
            && string.Equals(expected.Split('.')[0], actual.Split('.')[0], StringComparison.OrdinalIgnoreCase);
    }
}
