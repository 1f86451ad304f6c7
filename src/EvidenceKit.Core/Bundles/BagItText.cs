using System.Globalization;
using System.Text;

namespace EvidenceKit.Core.Bundles;

/// <summary>The exact text of the BagIt 1.0 tag files (RFC 8493), written with LF line ends and UTF-8 without BOM.</summary>
public static class BagItText
{
    /// <summary>UTF-8 without byte order mark.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The content of bagit.txt.</summary>
    public static string BagitTxt => "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

    /// <summary>"octets.count" as in Payload-Oxum.</summary>
    public static string PayloadOxum(long octets, long count) =>
        string.Create(CultureInfo.InvariantCulture, $"{octets}.{count}");

    /// <summary>One manifest line, "&lt;hex&gt;  &lt;path&gt;" as sha256sum writes it (two spaces, text mode).</summary>
    public static string ManifestLine(string sha256Hex, string bagPath) => $"{sha256Hex}  {bagPath}\n";

    /// <summary>A manifest (payload or tag) with lines sorted by path, ordinal, so identical bags give identical bytes.</summary>
    public static string Manifest(IEnumerable<(string Path, string Sha256)> entries)
    {
        var sb = new StringBuilder();
        foreach (var (path, sha) in entries.OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            sb.Append(ManifestLine(sha, path));
        }
        return sb.ToString();
    }

    /// <summary>bag-info.txt from ordered label/value pairs; values are kept on one line.</summary>
    public static string BagInfo(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var sb = new StringBuilder();
        foreach (var (label, value) in fields)
        {
            var oneLine = value.Replace('\r', ' ').Replace('\n', ' ');
            sb.Append(label).Append(": ").Append(oneLine).Append('\n');
        }
        return sb.ToString();
    }
}
