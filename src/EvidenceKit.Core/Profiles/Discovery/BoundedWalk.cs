using DirectoryInfoBase = Microsoft.Extensions.FileSystemGlobbing.Abstractions.DirectoryInfoBase;
using FileInfoBase = Microsoft.Extensions.FileSystemGlobbing.Abstractions.FileInfoBase;
using FileSystemInfoBase = Microsoft.Extensions.FileSystemGlobbing.Abstractions.FileSystemInfoBase;

namespace EvidenceKit.Core.Profiles.Discovery;

/// <summary>
/// Wraps the port's directory walk for Microsoft.Extensions.FileSystemGlobbing with two things discovery needs:
/// a budget on the entries examined (a hostile tree cannot make one include pattern walk for ever), and every
/// directory offered a second time as a plain entry, so that a pattern's last component can name a directory
/// (Tomcat's <c>/var/lib/tomcat*</c>, an Apache <c>Include</c> of a directory). The host paths of those
/// directory entries are kept in <see cref="Directories"/>.
/// </summary>
internal sealed class BoundedWalk
{
    private int remaining;

    public BoundedWalk(int maxEntries) => remaining = maxEntries;

    /// <summary>True once the budget ran out and entries were left unexamined.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Host paths of the directories offered as entries.</summary>
    public HashSet<string> Directories { get; } = new(StringComparer.Ordinal);

    /// <summary>The wrapped walk starting at <paramref name="start"/>.</summary>
    public DirectoryInfoBase Over(DirectoryInfoBase start) => new Directory(start, this, null);

    private bool Take()
    {
        if (remaining > 0)
        {
            remaining--;
            return true;
        }

        Truncated = true;
        return false;
    }

    private sealed class Directory(DirectoryInfoBase inner, BoundedWalk walk, DirectoryInfoBase? parent) : DirectoryInfoBase
    {
        public override string Name => inner.Name;

        public override string FullName => inner.FullName;

        public override DirectoryInfoBase? ParentDirectory => parent;

        public override IEnumerable<FileSystemInfoBase> EnumerateFileSystemInfos()
        {
            foreach (var entry in inner.EnumerateFileSystemInfos())
            {
                if (!walk.Take())
                {
                    yield break;
                }

                if (entry is DirectoryInfoBase directory)
                {
                    walk.Directories.Add(directory.FullName);
                    yield return new Directory(directory, walk, this);
                    yield return new Entry(directory.Name, directory.FullName, this);
                }
                else
                {
                    yield return entry;
                }
            }
        }

        public override DirectoryInfoBase? GetDirectory(string path) => inner.GetDirectory(path) is { } directory ? new Directory(directory, walk, this) : null;

        public override FileInfoBase? GetFile(string path) => inner.GetFile(path);
    }

    private sealed class Entry(string name, string fullName, DirectoryInfoBase parent) : FileInfoBase
    {
        public override string Name => name;

        public override string FullName => fullName;

        public override DirectoryInfoBase ParentDirectory => parent;
    }
}
