using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace EvidenceKit.Timeline.Formats.Utmp;

/// <summary>
/// One <c>struct utmp</c> as glibc writes it on x86-64 (384 bytes, see utmp(5) and bits/utmp.h): type (int16,
/// 2 bytes padding), pid at 4, line[32] at 8, id[4] at 40, user[32] at 44, host[256] at 76, exit status
/// (two int16) at 332, session at 336, tv_sec and tv_usec (int32 each, for 32/64-bit compatibility) at 340,
/// addr_v6 (four int32, network order) at 348, 20 reserved bytes at 364.
/// </summary>
internal sealed record UtmpRecord(
    int Type,
    int Pid,
    string Line,
    string Id,
    string User,
    string Host,
    short Termination,
    short Exit,
    int Session,
    int Seconds,
    int Microseconds,
    IPAddress? Address)
{
    /// <summary>The size of one record.</summary>
    public const int Size = 384;

    /// <summary>glibc's record types, by value (EMPTY = 0 ... ACCOUNTING = 9).</summary>
    public static readonly string[] TypeNames =
    [
        "EMPTY", "RUN_LVL", "BOOT_TIME", "NEW_TIME", "OLD_TIME", "INIT_PROCESS", "LOGIN_PROCESS", "USER_PROCESS",
        "DEAD_PROCESS", "ACCOUNTING",
    ];

    /// <summary>The type's name, e.g. <c>USER_PROCESS</c>.</summary>
    public string TypeName => TypeNames[Type];

    /// <summary>Decodes one record; the caller checks <see cref="Type"/> is a known type.</summary>
    public static UtmpRecord Read(ReadOnlySpan<byte> record)
    {
        return new UtmpRecord(
            BinaryPrimitives.ReadInt16LittleEndian(record),
            BinaryPrimitives.ReadInt32LittleEndian(record[4..]),
            Text(record.Slice(8, 32)),
            Text(record.Slice(40, 4)),
            Text(record.Slice(44, 32)),
            Text(record.Slice(76, 256)),
            BinaryPrimitives.ReadInt16LittleEndian(record[332..]),
            BinaryPrimitives.ReadInt16LittleEndian(record[334..]),
            BinaryPrimitives.ReadInt32LittleEndian(record[336..]),
            BinaryPrimitives.ReadInt32LittleEndian(record[340..]),
            BinaryPrimitives.ReadInt32LittleEndian(record[344..]),
            ReadAddress(record.Slice(348, 16)));
    }

    private static string Text(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    private static IPAddress? ReadAddress(ReadOnlySpan<byte> v6)
    {
        if (!v6.ContainsAnyExcept((byte)0))
        {
            return null;
        }
        return v6[4..].ContainsAnyExcept((byte)0) ? new IPAddress(v6) : new IPAddress(v6[..4]);
    }
}
