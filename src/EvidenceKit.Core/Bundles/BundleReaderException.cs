namespace EvidenceKit.Core.Bundles;

/// <summary>
/// A bundle file is malformed (a bad line, a line too long, too large, not UTF-8). The message is one exact
/// sentence naming the file and, where there is one, the line.
/// </summary>
internal sealed class BundleReaderException(string message) : Exception(message)
{
    public static BundleReaderException LineTooLong(string file, long line, int max) =>
        new($"{file} line {line} is too long (more than {max} bytes).");

    public static BundleReaderException NotUtf8(string file, long line) =>
        new($"{file} line {line} is not valid UTF-8.");

    public static BundleReaderException BadLine(string file, long line, string expected, string found) =>
        new($"{file} line {line} is malformed: expected {expected}, found \"{Shorten(found)}\".");

    public static BundleReaderException TooLarge(string file, long size, long max) =>
        new($"{file} is too large ({size} bytes; at most {max} are read).");

    public static BundleReaderException TooManyLines(string file, long max) =>
        new($"{file} has more than {max} lines (refused: more than the bag can need).");

    public static BundleReaderException Changed(string file, string now) =>
        new($"{file} changed while it was read: it is now {now} (not read).");

    public static BundleReaderException NotRegular(string file) =>
        new($"{file} is not a regular file.");

    private static string Shorten(string text)
    {
        var printable = new string(text.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length > 80 ? printable + "..." : printable;
    }
}
