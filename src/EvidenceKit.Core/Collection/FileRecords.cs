using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Host;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// Builds the manifest record of a collected file from what the source port said about it, so a first copy and a copy
/// proven again on resume are described the same way (raw names with their exact bytes, times to the nanosecond).
/// </summary>
internal static class FileRecords
{
    /// <summary>The record of <paramref name="file"/>, copied with <paramref name="size"/> bytes and these hashes.</summary>
    public static FileRecord Build(PlannedFile file, SourceFileInfo info, AccountNames accounts, long size,
        (string Sha256, string? Sha1, string? Md5, string? Sha512) hashes, string? verifiedCopySha256, bool atimePreserved,
        IReadOnlyList<string> notes)
    {
        var nanos = info.Nanos;
        return new FileRecord
        {
            Id = file.Id,
            BagPath = file.BagPath,
            SourcePath = RawNames.Readable(file.HostPath),
            SourcePathBase64 = RawNames.Base64IfRaw(file.HostPath),
            Size = size,
            Sha256 = hashes.Sha256,
            VerifiedCopySha256 = verifiedCopySha256,
            Sha1 = hashes.Sha1,
            Md5 = hashes.Md5,
            Sha512 = hashes.Sha512,
            Mtime = Time(info.ModifiedUtc, nanos?.Modified),
            Ctime = info.ChangedUtc is { } c ? Time(c, nanos?.Changed) : null,
            Atime = info.AccessedUtc is { } a ? Time(a, nanos?.Accessed) : null,
            Birthtime = info.BirthUtc is { } b ? Time(b, nanos?.Birth) : null,
            Mode = info.Mode is { } m ? Convert.ToString(m, 8) : null,
            Uid = info.Uid,
            User = accounts.User(info.Uid),
            Gid = info.Gid,
            Group = accounts.Group(info.Gid),
            Inode = info.Inode,
            Device = info.Device,
            Links = info.Links,
            FileType = FileKinds.Describe(info.Kind),
            AtimePreserved = atimePreserved,
            Target = file.Target,
            DiscoveredFrom = file.DiscoveredFrom,
            Notes = notes,
        };
    }

    private static string Time(DateTimeOffset t, uint? nanos) =>
        nanos is { } n ? Timestamps.Format(t, n) : Timestamps.Format(t);
}
