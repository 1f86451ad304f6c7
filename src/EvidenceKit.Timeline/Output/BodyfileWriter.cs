using System.Globalization;
using System.Text;
using EvidenceKit.Timeline.Bundles;
using EvidenceKit.Timeline.Pipeline;

namespace EvidenceKit.Timeline.Output;

/// <summary>
/// The Sleuth Kit 3.x body file of every collected file's metadata from the manifests
/// (<c>MD5|name|inode|mode_as_string|UID|GID|size|atime|mtime|ctime|crtime</c>, times in whole seconds since the
/// epoch, 0 when unknown), which <c>mactime -b</c> turns into a file-activity timeline. The name is
/// <c>host:source path</c>; control characters and <c>|</c> in it are written as visible escapes so a hostile name
/// cannot add a field or a line.
/// </summary>
internal static class BodyfileWriter
{
    public static void Write(IEnumerable<TimelineBundle> bundles, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        foreach (var bundle in bundles)
        {
            foreach (var file in bundle.Facts.Files.OrderBy(f => f.SourcePath, StringComparer.Ordinal))
            {
                writer.Write(Line(bundle.Facts.Host, file));
                writer.Write('\n');
            }
        }
    }

    /// <summary>One body-file line (without its newline).</summary>
    internal static string Line(string host, EvidenceRecord file) => string.Join('|',
        file.Md5 is { Length: 32 } md5 && md5.All(char.IsAsciiHexDigit) ? md5 : "0",
        Name(host + ":" + file.SourcePath),
        (file.Inode ?? 0).ToString(CultureInfo.InvariantCulture),
        ModeString(file.Mode),
        (file.Uid ?? 0).ToString(CultureInfo.InvariantCulture),
        (file.Gid ?? 0).ToString(CultureInfo.InvariantCulture),
        file.Size.ToString(CultureInfo.InvariantCulture),
        Seconds(file.Atime),
        Seconds(file.Mtime),
        Seconds(file.Ctime),
        Seconds(file.Birthtime));

    private static string Name(string name) => SafeText.OneLine(name).Replace("|", "\\x7c", StringComparison.Ordinal);

    private static string Seconds(DateTimeOffset? time) =>
        time is { } t && t >= DateTimeOffset.UnixEpoch ? t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) : "0";

    /// <summary><c>r/rrw-r-----</c> from st_mode in octal (<c>100640</c>), as fls writes it; <c>0</c> when unknown.</summary>
    internal static string ModeString(string? octal)
    {
        if (octal is null || octal.Length == 0 || !octal.All(c => c is >= '0' and <= '7') || octal.Length > 7)
        {
            return "0";
        }
        var mode = Convert.ToInt32(octal, 8);
        var type = (mode & 0xF000) switch
        {
            0x8000 => 'r',
            0x4000 => 'd',
            0xA000 => 'l',
            0x1000 => 'p',
            0xC000 => 's',
            0x2000 => 'c',
            0x6000 => 'b',
            _ => '-',
        };
        var text = new StringBuilder().Append(type).Append('/').Append(type);
        var bits = "rwxrwxrwx";
        for (var i = 0; i < 9; i++)
        {
            text.Append((mode & (1 << (8 - i))) != 0 ? bits[i] : '-');
        }
        return text.ToString();
    }
}
