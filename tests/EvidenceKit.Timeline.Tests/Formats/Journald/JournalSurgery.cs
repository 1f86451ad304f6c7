using System.Buffers.Binary;
using System.Text;

namespace EvidenceKit.Timeline.Tests.Formats.Journald;

/// <summary>
/// Edits a real journal file in place the way a damaged or hostile file would differ: walks its objects from the
/// header (header size at 88, tail object at 136; each object 8-byte aligned with its size at +8).
/// </summary>
internal static class JournalSurgery
{
    public static ulong U64(byte[] file, long at) => BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan((int)at));

    public static void SetU64(byte[] file, long at, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan((int)at), value);

    public static IEnumerable<(long Offset, byte Type, ulong Size)> Objects(byte[] file)
    {
        var offset = (long)U64(file, 88);
        var tail = (long)U64(file, 136);
        while (offset <= tail)
        {
            var size = U64(file, offset + 8);
            yield return (offset, file[offset], size);
            offset += (long)((size + 7) / 8 * 8);
        }
    }

    /// <summary>The offset of the (non-compact) data object whose payload starts with <paramref name="prefix"/>.</summary>
    public static long DataObject(byte[] file, string prefix)
    {
        var wanted = Encoding.UTF8.GetBytes(prefix);
        return Objects(file).First(o => o.Type == 1 && file.AsSpan((int)o.Offset + 64).StartsWith(wanted)).Offset;
    }

    /// <summary>Replaces a non-compact data object's payload with <paramref name="compressed"/> and marks it compressed (object flag and header flag).</summary>
    public static void Compress(byte[] file, long dataObject, byte[] compressed, byte objectFlag, uint headerFlag)
    {
        compressed.CopyTo(file, dataObject + 64);
        SetU64(file, dataObject + 8, (ulong)(64 + compressed.Length));
        file[dataObject + 1] = objectFlag;
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(12)) | headerFlag;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(12), flags);
    }
}
