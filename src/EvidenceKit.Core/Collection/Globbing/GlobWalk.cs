using Microsoft.Extensions.FileSystemGlobbing.Abstractions;
using Microsoft.Extensions.FileSystemGlobbing.Internal;
using Microsoft.Extensions.FileSystemGlobbing.Internal.PathSegments;
using Microsoft.Extensions.FileSystemGlobbing.Internal.Patterns;

namespace EvidenceKit.Core.Collection.Globbing;

/// <summary>
/// Walks a directory with one include pattern of Microsoft.Extensions.FileSystemGlobbing and hands over each match as
/// it is found, instead of collecting every match of the walk in one list as <c>Matcher.Execute</c> does (a million
/// matches were a million path pairs held at once). The walk is the library's own: the same pattern contexts decide
/// which entries match and which directories to enter, and only the directories being walked are held.
/// </summary>
internal sealed class GlobWalk
{
    private readonly IPatternContext _context;
    private readonly HashSet<string> _literalFolders;
    private bool _wildcard;
    private bool _literalFile;
    private bool _parent;

    public GlobWalk(string pattern, StringComparison comparison)
    {
        _context = new PatternBuilder(comparison).Build(pattern).CreatePatternContextForInclude();
        _literalFolders = new HashSet<string>(StringComparer.FromComparison(comparison));
    }

    /// <summary>Calls <paramref name="onMatch"/> with the path of every matching file relative to <paramref name="root"/>.</summary>
    public void Walk(DirectoryInfoBase root, Action<string> onMatch) => Match(root, null, onMatch);

    private void Match(DirectoryInfoBase directory, string? relative, Action<string> onMatch)
    {
        _context.PushDirectory(directory);
        Declare();
        IEnumerable<FileSystemInfoBase> entries = _wildcard || _literalFile
            ? directory.EnumerateFileSystemInfos()
            : directory.EnumerateFileSystemInfos().OfType<DirectoryInfoBase>().Where(d => _literalFolders.Contains(d.Name));
        if (_parent && directory.GetDirectory("..") is { } parent)
        {
            entries = entries.Append(parent);
        }

        // As the library does: the files of a directory first, then its subdirectories one by one (only their names are held).
        List<DirectoryInfoBase>? subdirectories = null;
        foreach (var entry in entries)
        {
            if (entry is FileInfoBase file)
            {
                if (_context.Test(file).IsSuccessful)
                {
                    onMatch(Combine(relative, file.Name));
                }
            }
            else if (entry is DirectoryInfoBase sub && _context.Test(sub))
            {
                (subdirectories ??= []).Add(sub);
            }
        }
        foreach (var sub in subdirectories ?? [])
        {
            Match(sub, Combine(relative, sub.Name), onMatch);
        }
        _context.PopDirectory();
    }

    private void Declare()
    {
        _literalFolders.Clear();
        _wildcard = false;
        _literalFile = false;
        _parent = false;
        _context.Declare((segment, isLast) =>
        {
            switch (segment)
            {
                case LiteralPathSegment when isLast:
                    _literalFile = true;
                    break;
                case LiteralPathSegment literal:
                    _literalFolders.Add(literal.Value);
                    break;
                case WildcardPathSegment:
                    _wildcard = true;
                    break;
                case ParentPathSegment:
                    _parent = true;
                    break;
            }
        });
    }

    private static string Combine(string? left, string right) => left is null ? right : left + "/" + right;
}
