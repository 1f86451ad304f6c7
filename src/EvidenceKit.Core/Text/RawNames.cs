using System.Buffers;
using System.Text;

namespace EvidenceKit.Core.Text;

/// <summary>
/// File names are bytes (anything but '/' and NUL), .NET strings are UTF-16. This codec carries any byte string in
/// a .NET string and back without loss, like Python's "surrogateescape": valid UTF-8 is decoded as usual, and each
/// byte 0x80-0xFF that is not part of valid UTF-8 becomes the lone surrogate U+DC80 + (byte - 0x80). Such a string
/// is called "raw". A valid UTF-8 encoding never produces a lone surrogate, so the mapping is reversible.
/// </summary>
public static class RawNames
{
    private const char EscapeFirst = '\uDC80';
    private const char EscapeLast = '\uDCFF';

    /// <summary>Decodes <paramref name="bytes"/>, escaping every byte that is not part of valid UTF-8.</summary>
    public static string FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.ContainsAnyInRange((byte)0x80, (byte)0xFF))
        {
            return Encoding.ASCII.GetString(bytes);
        }
        var sb = new StringBuilder(bytes.Length);
        Span<char> chars = stackalloc char[2];
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == OperationStatus.Done)
            {
                var n = rune.EncodeToUtf16(chars);
                sb.Append(chars[..n]);
                bytes = bytes[consumed..];
            }
            else
            {
                sb.Append((char)(EscapeFirst + (bytes[0] - 0x80)));
                bytes = bytes[1..];
            }
        }
        return sb.ToString();
    }

    /// <summary>The bytes <paramref name="name"/> stands for (the inverse of <see cref="FromBytes"/>).</summary>
    /// <exception cref="ArgumentException">The string holds a lone surrogate that is not an escaped byte.</exception>
    public static byte[] ToBytes(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var output = new ArrayBufferWriter<byte>(name.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is >= EscapeFirst and <= EscapeLast)
            {
                output.Write([(byte)(c - EscapeFirst + 0x80)]);
                continue;
            }
            if (!Rune.TryGetRuneAt(name, i, out var rune))
            {
                throw new ArgumentException($"Lone surrogate U+{(int)c:X4} at {i} is not an escaped byte.", nameof(name));
            }
            var n = rune.EncodeToUtf8(utf8);
            output.Write(utf8[..n]);
            i += rune.Utf16SequenceLength - 1;
        }
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The bytes of <paramref name="name"/> followed by a NUL, for a system call; a NUL inside is refused.</summary>
    /// <exception cref="ArgumentException">The name holds a NUL or a lone surrogate that is not an escaped byte.</exception>
    public static byte[] ToBytesTerminated(string name)
    {
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A file name cannot hold a NUL character.", nameof(name));
        }
        return [.. ToBytes(name), 0];
    }

    /// <summary>True when <paramref name="name"/> carries escaped bytes (its bytes are not valid UTF-8).</summary>
    public static bool IsRaw(string name) => name.AsSpan().ContainsAnyInRange(EscapeFirst, EscapeLast);

    /// <summary>The raw bytes in base64 when <paramref name="name"/> is raw, else null (for manifest fields).</summary>
    public static string? Base64IfRaw(string name) => IsRaw(name) ? Convert.ToBase64String(ToBytes(name)) : null;

    /// <summary>
    /// A readable, valid UTF-16 form: each escaped byte is written as <c>\xNN</c> (upper-case hex); everything else is
    /// unchanged. Not reversible on its own (a name may contain a literal "\x"); the manifest keeps the base64 beside it.
    /// </summary>
    public static string Readable(string name)
    {
        if (!IsRaw(name))
        {
            return name;
        }
        var sb = new StringBuilder(name.Length + 16);
        foreach (var c in name)
        {
            if (c is >= EscapeFirst and <= EscapeLast)
            {
                sb.Append("\\x").Append(((int)(c - EscapeFirst + 0x80)).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
