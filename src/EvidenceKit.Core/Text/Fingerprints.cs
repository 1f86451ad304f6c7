namespace EvidenceKit.Core.Text;

/// <summary>Certificate fingerprint forms: lower-case hex in manifests, "AB:CD:..." for people and openssl.</summary>
public static class Fingerprints
{
    /// <summary>"ab12..." to "AB:12:...".</summary>
    public static string Colon(string hex) =>
        string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2).ToUpperInvariant()));

    /// <summary>Any accepted form ("AB:12:..", "ab12..", "SHA256:AB..", with spaces or tabs) to lower-case hex without separators.</summary>
    public static string Normalize(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) || t.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
        {
            t = t[7..];
        }
        return new string(t.Where(c => c is not (':' or ' ' or '\t')).Select(char.ToLowerInvariant).ToArray());
    }
}
