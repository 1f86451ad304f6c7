using System.Text.Json;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// Reads the one-line records a collector writes (custody/files.jsonl) without the reflection serializer, which costs
/// microseconds a line and most of the startup JIT of a verify. It accepts only the plain shape: one object, each
/// known member at most once, its name unescaped, with a value of exactly its type and no null, every required member
/// present, nothing after it. Anything else (unknown or duplicate members, escaped names, nulls, other types, numbers
/// out of range, invalid UTF-8, trailing bytes) gives null, and the caller reads the line with the reflection reader,
/// which decides and words the refusal. So every line it reads, the reflection reader reads to the same values.
/// </summary>
internal static class FileRecordFastReader
{
    private const int Strings = 19;

    // Members by index: 0..18 strings (0..3 required, as is size), then the numbers, the flag and the two lists.
    private static readonly byte[][] Names =
    [
        "id"u8.ToArray(), "bagPath"u8.ToArray(), "sourcePath"u8.ToArray(), "sha256"u8.ToArray(), "sourcePathBase64"u8.ToArray(),
        "verifiedCopySha256"u8.ToArray(), "sha1"u8.ToArray(), "md5"u8.ToArray(), "sha512"u8.ToArray(), "mtime"u8.ToArray(),
        "ctime"u8.ToArray(), "atime"u8.ToArray(), "birthtime"u8.ToArray(), "mode"u8.ToArray(), "user"u8.ToArray(),
        "group"u8.ToArray(), "fileType"u8.ToArray(), "target"u8.ToArray(),
        "discoveredFrom"u8.ToArray(), "size"u8.ToArray(), "uid"u8.ToArray(), "gid"u8.ToArray(), "inode"u8.ToArray(),
        "device"u8.ToArray(), "links"u8.ToArray(), "atimePreserved"u8.ToArray(), "parts"u8.ToArray(), "notes"u8.ToArray(),
    ];

    private const int DiscoveredFrom = 18, Size = 19, Uid = 20, Gid = 21, Inode = 22, Device = 23, Links = 24, AtimePreserved = 25, Parts = 26, Notes = 27;

    /// <summary>The record on <paramref name="line"/>, or null when the line is not of the plain shape (read it with reflection).</summary>
    public static FileRecord? TryRead(ReadOnlySpan<byte> line)
    {
        try
        {
            return Read(line);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static FileRecord? Read(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 32 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        var text = new string?[Strings];
        long size = 0;
        uint? uid = null, gid = null;
        ulong? inode = null, device = null, links = null;
        bool? atimePreserved = null;
        List<string>? parts = null, notes = null;
        var seen = 0;
        while (true)
        {
            if (!reader.Read())
            {
                return null;
            }
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }
            if (reader.TokenType != JsonTokenType.PropertyName || reader.ValueIsEscaped)
            {
                return null;
            }
            var member = MemberOf(reader.ValueSpan);
            if (member < 0 || (seen & (1 << member)) != 0 || !reader.Read() || reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }
            seen |= 1 << member;
            var ok = member switch
            {
                <= DiscoveredFrom => reader.TokenType == JsonTokenType.String && (text[member] = reader.GetString()) is not null,
                Size => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out size),
                Uid => Number(ref reader, out uid),
                Gid => Number(ref reader, out gid),
                Inode => Number(ref reader, out inode),
                Device => Number(ref reader, out device),
                Links => Number(ref reader, out links),
                AtimePreserved => reader.TokenType is JsonTokenType.True or JsonTokenType.False && (atimePreserved = reader.GetBoolean()) is not null,
                Parts => (parts = StringList(ref reader)) is not null,
                _ => (notes = StringList(ref reader)) is not null,
            };
            if (!ok)
            {
                return null;
            }
        }
        const int required = 1 << 0 | 1 << 1 | 1 << 2 | 1 << 3 | 1 << Size;
        if ((seen & required) != required || reader.Read())
        {
            return null;
        }
        var record = new FileRecord
        {
            Id = text[0]!, BagPath = text[1]!, SourcePath = text[2]!, Sha256 = text[3]!, SourcePathBase64 = text[4],
            VerifiedCopySha256 = text[5], Sha1 = text[6], Md5 = text[7], Sha512 = text[8], Mtime = text[9], Ctime = text[10],
            Atime = text[11], Birthtime = text[12], Mode = text[13], User = text[14], Group = text[15], FileType = text[16],
            Target = text[17], DiscoveredFrom = text[DiscoveredFrom], Size = size, Uid = uid, Gid = gid, Inode = inode,
            Device = device, Links = links, AtimePreserved = atimePreserved, Parts = parts,
        };
        return notes is null ? record : record with { Notes = notes };
    }

    private static int MemberOf(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (name.SequenceEqual(Names[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool Number(ref Utf8JsonReader reader, out uint? value)
    {
        uint read = 0;
        var ok = reader.TokenType == JsonTokenType.Number && reader.TryGetUInt32(out read);
        value = read;
        return ok;
    }

    private static bool Number(ref Utf8JsonReader reader, out ulong? value)
    {
        ulong read = 0;
        var ok = reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out read);
        value = read;
        return ok;
    }

    /// <summary>An array of strings (no null among them), or null for anything else.</summary>
    private static List<string>? StringList(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }
        var list = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            list.Add(reader.GetString()!);
        }
        return reader.TokenType == JsonTokenType.EndArray ? list : null;
    }
}
