using System.Globalization;
using System.Text;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// The key under which two names count as the same on FAT, exFAT, NTFS or APFS: Unicode NFC, then
/// invariant case folding. Writer and verifier both use it, so they cannot disagree.
/// </summary>
public static class PathFolding
{
    /// <summary>Folds <paramref name="name"/> for collision checks.</summary>
    public static string Fold(string name) =>
        name.Normalize(NormalizationForm.FormC).ToUpperInvariant().ToLower(CultureInfo.InvariantCulture);
}
