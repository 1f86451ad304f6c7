using System.Globalization;
using System.Text;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// One line of a BagIt manifest: "HASH  PATH", "HASH *PATH" or "HASH PATH", the hash a fixed number of hex digits of
/// either case (returned lower-case). RFC 8493 percent-encodes LF, CR and '%' in paths (%0A, %0D, %25).
/// </summary>
internal static class BagManifestText
{
    /// <summary>
    /// Parses one line; throws <see cref="BundleReaderException"/> naming file and line when it is malformed. With
    /// plainBag, RFC 8493 rules apply (any run of spaces or tabs separates hash and path; %0A, %0D and %25 are
    /// decoded); without, sha256sum's reading ("HASH  PATH" or "HASH *PATH", the path literal), as an EvidenceKit
    /// bundle must be.
    /// </summary>
    public static BundleReaderManifestLine Parse(string bagPath, long number, string text, int hexDigits, bool plainBag)
    {
        var expected = $"'<{hexDigits} hex digits>  <path>'";
        if (text.Length < hexDigits + 2 || !IsHex(text.AsSpan(0, hexDigits)) || text[hexDigits] is not (' ' or '\t'))
        {
            throw BundleReaderException.BadLine(bagPath, number, expected, text);
        }
        int pathStart;
        if (plainBag)
        {
            pathStart = hexDigits;
            while (pathStart < text.Length && text[pathStart] is ' ' or '\t')
            {
                pathStart++;
            }
        }
        else
        {
            pathStart = text[hexDigits + 1] is ' ' or '*' ? hexDigits + 2 : hexDigits + 1;
        }
        if (pathStart >= text.Length)
        {
            throw BundleReaderException.BadLine(bagPath, number, expected, text);
        }
        var path = text[pathStart..];
        return new BundleReaderManifestLine(number, text[..hexDigits].ToLowerInvariant(), plainBag ? DecodePercent(path) : path);
    }

    /// <summary>True when <paramref name="path"/> holds %0A, %0D or %25 (any case): a name sha256sum would read literally.</summary>
    public static bool HasPercentEncoding(string path)
    {
        for (var i = 0; i + 3 <= path.Length; i++)
        {
            if (path[i] == '%' && IsEncodedByte(path.AsSpan(i + 1, 2), out _))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsEncodedByte(ReadOnlySpan<char> hex, out byte value) =>
        byte.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && value is 0x0A or 0x0D or 0x25;

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Decodes %0A, %0D and %25 (any case) as RFC 8493 says; any other % is kept.</summary>
    public static string DecodePercent(string path)
    {
        if (!path.Contains('%', StringComparison.Ordinal))
        {
            return path;
        }
        var sb = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '%' && i + 3 <= path.Length && IsEncodedByte(path.AsSpan(i + 1, 2), out var value))
            {
                sb.Append((char)value);
                i += 2;
            }
            else
            {
                sb.Append(path[i]);
            }
        }
        return sb.ToString();
    }
}
