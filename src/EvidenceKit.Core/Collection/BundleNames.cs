using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Collection;

/// <summary>The name of a bundle's folder on the target.</summary>
public static class BundleNames
{
    /// <summary>"&lt;case&gt;_&lt;host&gt;_&lt;yyyyMMddTHHmmssZ&gt;" with only plain characters.</summary>
    public static string Of(string caseId, string host, DateTimeOffset started) =>
        $"{Plain(caseId)}_{Plain(host)}_{Timestamps.Compact(started)}";

    private static string Plain(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+' or '@' or '=' or ',' or '~' ? c : '-').ToArray();
        var s = new string(chars).Trim('.', '-');
        return s.Length == 0 ? "unnamed" : s.Length > 64 ? s[..64] : s;
    }
}
