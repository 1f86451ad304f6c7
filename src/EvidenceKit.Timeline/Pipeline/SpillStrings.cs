using System.Text;

namespace EvidenceKit.Timeline.Pipeline;

/// <summary>
/// The string decoding shared by every <see cref="SpillReader"/> of one merge (they are read on one thread, one string
/// at a time): one byte buffer the size of the longest string read, and the short strings kept for reuse. Field names,
/// timestamp descriptions and other short texts repeat on almost every event; up to <see cref="MaxShared"/> of them are
/// kept and the same string is handed out again instead of a new one per event, whatever the number of runs open.
/// </summary>
internal sealed class SpillStrings
{
    /// <summary>The most distinct short strings kept (a hostile run of distinct names cannot grow it).</summary>
    public const int MaxShared = 4096;

    /// <summary>Strings of at most this many bytes are looked up among the kept ones before a new one is made.</summary>
    private const int ShortBytes = 24;

    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);
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
        if (length > ShortBytes)
        {
            return Utf8.GetString(bytes);
        }
        Span<char> chars = stackalloc char[ShortBytes];
        var text = chars[..Utf8.GetChars(bytes, chars)];
        var lookup = _shared.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var kept))
        {
            return kept;
        }
        var made = text.ToString();
        if (_shared.Count < MaxShared)
        {
            _shared[made] = made;
        }
        return made;
    }
}
