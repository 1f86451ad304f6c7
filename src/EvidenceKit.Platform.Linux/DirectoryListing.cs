using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Text;
using Microsoft.Win32.SafeHandles;

namespace EvidenceKit.Platform.Linux;

/// <summary>The bundle writer's listing of a directory through its handle (<see cref="DirectoryEntries"/>), each entry's kind reported without following it.</summary>
internal static class DirectoryListing
{
    /// <summary>Entries are capped so a hostile directory cannot grow the process without bound.</summary>
    public const int MaxEntries = 10_000_000;

    public static IReadOnlyList<TargetEntry> Read(SafeFileHandle directory, string path)
    {
        var fd = DirectoryHandleStore.Fd(directory);
        return DirectoryEntries.ReadRaw(fd, MaxEntries,
                errno => DirectoryHandleStore.Error(path, errno == DirectoryEntries.MalformedRecord ? LinuxNative.EINVAL : errno), tooMany: null)
            .Select(e => new TargetEntry(RawNames.FromBytes(e.Name), DirectoryEntries.Kind(fd, e.Type, e.Name)))
            .ToList();
    }
}
