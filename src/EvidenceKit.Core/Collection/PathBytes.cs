namespace EvidenceKit.Core.Collection;

/// <summary>
/// The byte form in which a plan keeps a host path: each UTF-16 code unit written the way UTF-8 writes a code point
/// of that value (one byte below 0x80, two below 0x800, else three). For a path of valid text that is its UTF-8 for
/// every character of the Basic Multilingual Plane, so an ASCII path costs one byte a character. It works per code
/// unit, not per code point, for two reasons: every string comes back exactly, lone surrogates included (a raw
/// name's escaped bytes, see <see cref="Text.RawNames"/>); and the bytes compare in the order
/// <see cref="StringComparer.Ordinal"/> gives the strings, which the plan's id order and the ordered bag path mapper
/// rely on. (Real UTF-8 orders a character above U+FFFF after U+E000-U+FFFF; UTF-16 ordinal puts it before, and a
/// raw name's escaped bytes would not come back apart from the text around them.)
/// </summary>
internal static class PathBytes
{
    /// <summary>The most bytes <paramref name="chars"/> code units can take.</summary>
    public static int MaxBytes(int chars) => checked(chars * 3);

    /// <summary>Writes <paramref name="path"/> to <paramref name="bytes"/> (at least <see cref="MaxBytes"/> long); gives the bytes written.</summary>
    public static int Encode(ReadOnlySpan<char> path, Span<byte> bytes)
    {
        var n = 0;
        foreach (var c in path)
        {
            if (c < 0x80)
            {
                bytes[n++] = (byte)c;
            }
            else if (c < 0x800)
            {
                bytes[n++] = (byte)(0xC0 | (c >> 6));
                bytes[n++] = (byte)(0x80 | (c & 0x3F));
            }
            else
            {
                bytes[n++] = (byte)(0xE0 | (c >> 12));
                bytes[n++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                bytes[n++] = (byte)(0x80 | (c & 0x3F));
            }
        }
        return n;
    }

    /// <summary>The string <paramref name="bytes"/> were made from by <see cref="Encode"/>.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var chars = 0;
        foreach (var b in bytes)
        {
            if ((b & 0xC0) != 0x80)
            {
                chars++;
            }
        }
        return string.Create(chars, bytes, static (into, bytes) =>
        {
            var i = 0;
            for (var n = 0; n < into.Length; n++)
            {
                var b = bytes[i];
                if (b < 0x80)
                {
                    into[n] = (char)b;
                    i++;
                }
                else if (b < 0xE0)
                {
                    into[n] = (char)(((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F));
                    i += 2;
                }
                else
                {
                    into[n] = (char)(((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F));
                    i += 3;
                }
            }
        });
    }
}
