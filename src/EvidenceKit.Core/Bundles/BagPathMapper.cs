using System.Security.Cryptography;
using System.Text;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// Gives every source path a bag path under data/ that is safe on any file system, and never the same bag path to
/// two source paths. Components made only of <c>[A-Za-z0-9._@+,=~-]</c> (not a Windows device name) are kept; any
/// other component (a backslash, percent sign, control character, non-ASCII or non-UTF-8 byte) is made plain and
/// given a suffix derived from its raw bytes; no two names in one directory may be equal after NFC, case folding and
/// dropping trailing dots (FAT, exFAT and NTFS sticks), so a later twin gets a suffix too. A path longer than
/// <see cref="MaxBagPathBytes"/> is moved to a flat folder under a name made from its last component and a hash of
/// the whole source path. The original path is always in the manifest. Thread-safe; within one plan the same
/// source path always maps the same way, and plans are mapped in host-path order, so a resume maps alike.
/// </summary>
public sealed class BagPathMapper
{
    /// <summary>Longest bag path kept as a mirror of the source path (leaves room for the target and bundle folders under PATH_MAX).</summary>
    public const int MaxBagPathBytes = 3072;

    /// <summary>Longest component; Linux and FAT allow 255 (bytes resp. UTF-16 units), kept well below.</summary>
    private const int MaxPlainLength = 200;

    /// <summary>No source name can contain NUL, so this folder name can never be claimed by a source directory.</summary>
    private const string LongPathsFolder = "\0long-paths";

    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CLOCK$",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    private readonly Node _root = new();
    private readonly Lock _gate = new();

    /// <summary>With ordered input: the directory nodes of the last path mapped, outermost first (null otherwise).</summary>
    private readonly List<Node>? _open;

    /// <summary>A mapper for paths in any order: it keeps every directory it has seen.</summary>
    public BagPathMapper()
    {
    }

    /// <summary>
    /// A mapper for paths given in ordinal order (a plan's host-path order) when <paramref name="ordered"/> is true: the
    /// paths under one directory then come one after another, so a directory's names are dropped once the paths have
    /// left it, and the mapper holds only the directories of the current path, not one entry per file of the plan. A
    /// path under a directory already left throws instead of being mapped without its twins.
    /// </summary>
    public BagPathMapper(bool ordered) => _open = ordered ? [] : null;

    /// <summary>Maps a root-relative source path ("var/log/syslog", '/' separated, raw string allowed) to "data/var/log/syslog".</summary>
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
                if (!isLast)
                {
                    Enter(i, child);
                }
            }
            Leave(components.Length - 1);
            var bagPath = BundleLayout.DataDir + "/" + string.Join('/', mapped);
            if (Encoding.UTF8.GetByteCount(bagPath) <= MaxBagPathBytes || components.Length == 0)
            {
                return (bagPath, renamed);
            }
            // Too deep for the target: one flat folder, one name per source path (its whole path is the original).
            var (folder, flat) = _root.Claim(LongPathsFolder, isDirectory: true);
            var (file, _) = flat.Claim("/" + relativeSourcePath.TrimStart('/'), isDirectory: false, baseHint: components[^1]);
            return (BundleLayout.DataDir + "/" + folder + "/" + file, true);
        }
    }

    /// <summary>With ordered input, <paramref name="directory"/> is the open directory at <paramref name="depth"/>; the one it replaces is closed.</summary>
    private void Enter(int depth, Node directory)
    {
        if (_open is null || (depth < _open.Count && ReferenceEquals(_open[depth], directory)))
        {
            return;
        }
        Leave(depth);
        _open.Add(directory);
    }

    /// <summary>With ordered input, closes the open directories at <paramref name="depth"/> and deeper (their paths are all mapped).</summary>
    private void Leave(int depth)
    {
        if (_open is null)
        {
            return;
        }
        for (var i = _open.Count - 1; i >= depth; i--)
        {
            _open[i].Close();
            _open.RemoveAt(i);
        }
    }

    /// <summary>True when every character of <paramref name="component"/> is in the plain set, it is not "." or "..", and not a Windows device name.</summary>
    public static bool IsPlain(string component) =>
        component.Length is > 0 and <= MaxPlainLength && component is not "." and not ".." && component.All(IsPlainChar)
        && !DeviceNames.Contains(component.Split('.')[0]);

    private static bool IsPlainChar(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9')
            or '.' or '_' or '@' or '+' or ',' or '=' or '~' or '-';

    /// <summary>"~" and 8 hex digits of SHA-256 over the original's raw bytes (and the attempt number after a clash).</summary>
    private static string Suffix(string original, int attempt)
    {
        var raw = RawNames.ToBytes(original);
        var bytes = attempt == 0 ? raw : [.. raw, 0, .. Encoding.ASCII.GetBytes(attempt.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        return "~" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 4));
    }

    private static string MakePlain(string component)
    {
        var sb = new StringBuilder(Math.Min(component.Length, 120));
        foreach (var c in Wellformed(component).Normalize(NormalizationForm.FormC))
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

    /// <summary>Lone surrogates (raw bytes) become '_' so the text can be normalized; the suffix keeps the raw bytes apart.</summary>
    private static string Wellformed(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append(s, i, 2);
                i++;
            }
            else
            {
                sb.Append(char.IsSurrogate(s[i]) ? '_' : s[i]);
            }
        }
        return sb.ToString();
    }

    /// <summary>Names that one case-insensitive file system would take for the same entry (FAT also drops trailing dots).</summary>
    private static string CollisionKey(string name) => PathFolding.Fold(name.TrimEnd('.'));

    /// <summary>
    /// One directory of the bag. Subdirectories keep their names and nodes; a file keeps only two digests (of its
    /// collision key, and of its original name to know it again), so a directory of a million files does not hold a
    /// million names, keys and nodes. A digest that matches a key by chance only gives a file a suffix it did not need.
    /// </summary>
    private sealed class Node
    {
        private Dictionary<string, string>? _originalToName;
        private Dictionary<string, (string Original, bool IsDirectory, Node Child)>? _byKey;
        private Dictionary<ulong, UInt128>? _files;

        private bool _closed;

        /// <summary>Drops the names of a directory whose paths are all mapped; claiming in it again throws.</summary>
        public void Close()
        {
            _closed = true;
            _originalToName = null;
            _byKey = null;
            _files = null;
        }

        public (string Name, Node Child) Claim(string original, bool isDirectory, string? baseHint = null)
        {
            if (_closed)
            {
                throw new InvalidOperationException($"'{RawNames.Readable(original)}' is under a directory already left: an ordered mapper must be given paths in ordinal order.");
            }
            if (isDirectory && _originalToName is not null && _originalToName.TryGetValue(original, out var known))
            {
                var entry = _byKey![CollisionKey(known)];
                if (entry.IsDirectory)
                {
                    return (known, entry.Child);
                }
            }

            var originalDigest = isDirectory ? UInt128.Zero : Digest(original);
            var plain = baseHint is null && IsPlain(original);
            var baseName = plain ? original : MakePlain(baseHint ?? original);
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var candidate = plain && attempt == 0 ? baseName : baseName + Suffix(original, attempt);
                var key = CollisionKey(candidate);
                var keyDigest = (ulong)Digest(key);
                if (!isDirectory && _files is not null && _files.TryGetValue(keyDigest, out var owner) && owner == originalDigest)
                {
                    return (candidate, Leaf);
                }
                if (_byKey?.ContainsKey(key) == true || _files?.ContainsKey(keyDigest) == true)
                {
                    plain = false;
                    continue;
                }
                if (!isDirectory)
                {
                    (_files ??= [])[keyDigest] = originalDigest;
                    return (candidate, Leaf);
                }
                var child = new Node();
                (_byKey ??= new(StringComparer.Ordinal))[key] = (original, true, child);
                (_originalToName ??= new(StringComparer.Ordinal))[original] = candidate;
                return (candidate, child);
            }
            throw new InvalidOperationException($"Could not find a unique bag name for '{RawNames.Readable(original)}'.");
        }

        /// <summary>What a file's claim gives as its node: nothing is ever claimed under a file.</summary>
        private static readonly Node Leaf = new();

        /// <summary>128 bits of SHA-256 over the name's UTF-16 code units (raw bytes included), the same in every run.</summary>
        private static UInt128 Digest(string name)
        {
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(name.AsSpan()), hash);
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
        }
    }
}
