using System.Globalization;
using System.Text;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// The key under which two names count as the same on FAT, exFAT, NTFS or APFS: Unicode NFC, then
/// invariant case folding. Writer and verifier both use it, so they cannot disagree.
/// </summary>
public static class PathFolding
{
    /// <summary>Folds <paramref name="name"/> for collision checks (lone surrogates, which cannot be normalized, count as U+FFFD).</summary>
    public static string Fold(string name) =>
        Wellformed(name).Normalize(NormalizationForm.FormC).ToUpperInvariant().ToLower(CultureInfo.InvariantCulture);

    private static string Wellformed(string name)
    {
        if (!name.Any(char.IsSurrogate))
        {
            return name;
        }
        var sb = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                sb.Append(name, i, 2);
                i++;
            }
            else
            {
                sb.Append(char.IsSurrogate(name[i]) ? '\uFFFD' : name[i]);
            }
        }
        return sb.ToString();
    }
}
