using System.Globalization;
using System.IO.Abstractions;

namespace EvidenceKit.Core.Host;

/// <summary>User and group names for uids and gids, read from the collected system's own /etc/passwd and /etc/group.</summary>
public sealed class AccountNames
{
    private readonly Dictionary<uint, string> _users;
    private readonly Dictionary<uint, string> _groups;

    private AccountNames(Dictionary<uint, string> users, Dictionary<uint, string> groups)
    {
        _users = users;
        _groups = groups;
    }

    /// <summary>Reads the files under <paramref name="root"/>; missing or unreadable files give no names.</summary>
    public static AccountNames Read(IFileSystem fs, string root) =>
        new(ReadTable(fs, fs.Path.Join(root, "etc/passwd")), ReadTable(fs, fs.Path.Join(root, "etc/group")));

    /// <summary>The user name for <paramref name="uid"/>, if known.</summary>
    public string? User(uint? uid) => uid is { } u && _users.TryGetValue(u, out var n) ? n : null;

    /// <summary>The group name for <paramref name="gid"/>, if known.</summary>
    public string? Group(uint? gid) => gid is { } g && _groups.TryGetValue(g, out var n) ? n : null;

    private static Dictionary<uint, string> ReadTable(IFileSystem fs, string path)
    {
        var table = new Dictionary<uint, string>();
        try
        {
            if (!fs.File.Exists(path) || fs.FileInfo.New(path).Length > 16 << 20)
            {
                return table;
            }
            foreach (var line in fs.File.ReadLines(path))
            {
                var fields = line.Split(':');
                if (fields.Length >= 3 && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    table.TryAdd(id, fields[0]);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Names are a convenience; ids are always recorded.
        }
        return table;
    }
}
