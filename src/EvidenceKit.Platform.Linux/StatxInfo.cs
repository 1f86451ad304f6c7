using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Platform.Linux;

/// <summary>Turns a statx buffer into <see cref="SourceFileInfo"/> (times in UTC with their nanoseconds).</summary>
internal static class StatxInfo
{
    public static SourceFileInfo ToInfo(in LinuxNative.StatxBuffer b)
    {
        var hasBirth = (b.Mask & LinuxNative.STATX_BTIME) != 0 && b.Btime.Seconds != 0;
        return new SourceFileInfo
        {
            Kind = FileKinds.FromMode(b.Mode),
            Size = (long)b.Size,
            ModifiedUtc = ToTime(b.Mtime),
            ChangedUtc = ToTime(b.Ctime),
            AccessedUtc = ToTime(b.Atime),
            BirthUtc = hasBirth ? ToTime(b.Btime) : null,
            Nanos = new FileTimeNanos(b.Mtime.Nanoseconds, b.Ctime.Nanoseconds, b.Atime.Nanoseconds,
                hasBirth ? b.Btime.Nanoseconds : null),
            Mode = b.Mode,
            Uid = b.Uid,
            Gid = b.Gid,
            Inode = b.Inode,
            Device = LinuxNative.MakeDev(b.DevMajor, b.DevMinor),
            Links = b.Links,
        };
    }

    private static DateTimeOffset ToTime(LinuxNative.StatxTimestamp t) =>
        DateTimeOffset.FromUnixTimeSeconds(t.Seconds).AddTicks(t.Nanoseconds / 100);
}
