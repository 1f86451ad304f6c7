using System.Globalization;

namespace EvidenceKit.Core.Text;

/// <summary>The one textual form of a time in manifests and logs: UTC, ISO 8601, with a 'Z'.</summary>
public static class Timestamps
{
    /// <summary>"2026-11-24T03:12:45.1234567Z" (100 ns precision).</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>"2026-11-24T03:12:45.123456789Z": whole seconds of <paramref name="time"/> plus exact nanoseconds.</summary>
    public static string Format(DateTimeOffset time, uint nanoseconds)
    {
        var whole = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return $"{whole}.{nanoseconds:D9}Z";
    }

    /// <summary>The compact form used in bundle names: "20261124T031245Z".</summary>
    public static string Compact(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
