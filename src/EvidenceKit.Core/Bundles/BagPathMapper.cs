using System.Security.Cryptography;
using System.Text;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// Gives every source path a bag path under data/ that is safe on any file system: components made only of
/// <c>[A-Za-z0-9._@+,=~-]</c> are kept; any other component is made plain and given a unique suffix; and no two
/// names in one directory may be equal after NFC and case folding (FAT, exFAT and NTFS sticks are
/// case-insensitive), so a later twin gets a suffix too. Thread-safe; the same source path always maps the same way.
/// </summary>
public sealed class BagPathMapper
{
    private readonly Node _root = new();
    private readonly Lock _gate = new();

    /// <summary>Maps a root-relative source path ("var/log/syslog", '/' separated) to "data/var/log/syslog".</summary>
    /// <returns>The bag path, and whether it differs from a plain mirror of the source path.</returns>
    public (string BagPath, bool Renamed) Map(string relativeSourcePath)
    {
        var components = relativeSourcePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var mapped = new string[components.Length];
        var renamed = false;
        lock (_gate)
        {
            var node = _root;
            for (var i = 0; i < components.Length; i++)
            {
                var isLast = i == components.Length - 1;
                var (name, child) = node.Claim(components[i], isDirectory: !isLast);
                renamed |= !string.Equals(name, components[i], StringComparison.Ordinal);
                mapped[i] = name;
                node = child;
            }
        }
        return (BundleLayout.DataDir + "/" + string.Join('/', mapped), renamed);
    }

    /// <summary>True when every character of <paramref name="component"/> is in the plain set and it is not "." or "..".</summary>
    public static bool IsPlain(string component) =>
        component.Length is > 0 and <= 200 && component is not "." and not ".." && component.All(IsPlainChar);

    private static bool IsPlainChar(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9')
            or '.' or '_' or '@' or '+' or ',' or '=' or '~' or '-';

    private static string Suffix(string original, int attempt)
    {
        var bytes = Encoding.UTF8.GetBytes(attempt == 0 ? original : $"{original}\0{attempt}");
        return "~" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 4));
    }

    private static string MakePlain(string component)
    {
        var sb = new StringBuilder(Math.Min(component.Length, 120));
        foreach (var c in component.Normalize(NormalizationForm.FormC))
        {
            if (sb.Length >= 120)
            {
                break;
            }
            sb.Append(IsPlainChar(c) ? c : '_');
        }
        var plain = sb.ToString().Trim('.');
        return plain.Length == 0 ? "_" : plain;
    }

    private sealed class Node
    {
        private readonly Dictionary<string, string> _originalToName = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Original, bool IsDirectory, Node Child)> _byFolded = new(StringComparer.Ordinal);

        public (string Name, Node Child) Claim(string original, bool isDirectory)
        {
            if (_originalToName.TryGetValue(original, out var known))
            {
                var entry = _byFolded[PathFolding.Fold(known)];
                if (entry.IsDirectory == isDirectory)
                {
                    return (known, entry.Child);
                }
            }

            var plain = IsPlain(original);
            var baseName = plain ? original : MakePlain(original);
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var candidate = plain && attempt == 0 ? baseName : baseName + Suffix(original, attempt);
                var folded = PathFolding.Fold(candidate);
                if (_byFolded.ContainsKey(folded))
                {
                    plain = false;
                    continue;
                }
                var child = new Node();
                _byFolded[folded] = (original, isDirectory, child);
                _originalToName[original] = candidate;
                return (candidate, child);
            }
            throw new InvalidOperationException($"Could not find a unique bag name for '{original}'.");
        }
    }
}
