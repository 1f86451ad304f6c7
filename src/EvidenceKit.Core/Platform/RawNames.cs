using System.Text;

namespace EvidenceKit.Core.Platform;

/// <summary>
/// File names as the kernel stores them (bytes) and as strings, losslessly: a byte that is not part of valid UTF-8 is
/// carried as the lone surrogate U+DC80+byte (as Python's surrogateescape does), so a hostile name read from a
/// directory can be unlinked by exactly that name.
/// </summary>
internal static class RawNames
{
    /// <summary>The name's bytes with a terminating NUL.</summary>
    public static byte[] Encode(string name)
    {
        var bytes = new List<byte>(name.Length + 1);
        Span<byte> rune = stackalloc byte[4];
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is >= '\uDC80' and <= '\uDCFF')
            {
                bytes.Add((byte)(c - 0xDC00));
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                var n = new Rune(c, name[++i]).EncodeToUtf8(rune);
                bytes.AddRange(rune[..n].ToArray());
                continue;
            }
            if (char.IsSurrogate(c) || c == '\0')
            {
                throw new ArgumentException("A file name cannot hold this character.", nameof(name));
            }
            var m = new Rune(c).EncodeToUtf8(rune);
            bytes.AddRange(rune[..m].ToArray());
        }
        bytes.Add(0);
        return [.. bytes];
    }

    /// <summary>The string form of raw name bytes (without NUL).</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var used) == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
                bytes = bytes[used..];
            }
            else
            {
                text.Append((char)(0xDC00 + bytes[0]));
                bytes = bytes[1..];
            }
        }
        return text.ToString();
    }
}
