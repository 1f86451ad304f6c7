using System.Text;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Pipeline;

/// <summary>
/// The string decoding shared by every <see cref="SpillReader"/> of one merge (they are read on one thread, one string
/// at a time): one byte buffer the size of the longest string read, and the short strings kept for reuse
/// (<see cref="SharedStrings"/>: field names, timestamp descriptions and short values repeat on almost every event),
/// bounded whatever the number of runs open.
/// </summary>
internal sealed class SpillStrings
{
    /// <summary>The most distinct short strings kept.</summary>
    public const int MaxShared = SharedStrings.MaxKept;

    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly SharedStrings _shared = new();
    private byte[] _bytes = new byte[256];

    /// <summary>Reads <paramref name="length"/> bytes of UTF-8 from <paramref name="stream"/> as a string.</summary>
    public string Read(Stream stream, int length)
    {
        if (length == 0)
        {
            return "";
        }
        if (_bytes.Length < length)
        {
            _bytes = new byte[Math.Max(length, _bytes.Length * 2)];
        }
        var bytes = _bytes.AsSpan(0, length);
        stream.ReadExactly(bytes);
        if (length > SharedStrings.MaxChars)
        {
            // Too long to be kept (a non-ASCII text of fewer characters merely goes unshared).
            return Utf8.GetString(bytes);
        }
        Span<char> chars = stackalloc char[SharedStrings.MaxChars];
        return _shared.Get(chars[..Utf8.GetChars(bytes, chars)]);
    }
}
