using System.Globalization;
using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Host;

/// <summary>
/// User and group names for uids and gids, read from the collected system's own /etc/passwd and /etc/group through
/// the <see cref="ISourceFiles"/> port (regular files only, at most <see cref="MaxBytes"/> each, inside the root).
/// </summary>
public sealed class AccountNames
{
    /// <summary>The largest account database read (16 MiB).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    private readonly Dictionary<uint, string> _users;
    private readonly Dictionary<uint, string> _groups;

    private AccountNames(Dictionary<uint, string> users, Dictionary<uint, string> groups, IReadOnlyList<string> problems)
    {
        _users = users;
        _groups = groups;
        Problems = problems;
    }

    /// <summary>Why a database was not read (a FIFO, a device, too large, unreadable); names are then left out, ids stay.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Reads /etc/passwd and /etc/group of the collected system; missing or unreadable files give no names.</summary>
    public static AccountNames Read(ISourceFiles source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var problems = new List<string>();
        var users = ReadTable(source, "/etc/passwd", problems);
        var groups = ReadTable(source, "/etc/group", problems);
        return new AccountNames(users, groups, problems);
    }

    /// <summary>The user name for <paramref name="uid"/>, if known.</summary>
    public string? User(uint? uid) => uid is { } u && _users.TryGetValue(u, out var n) ? n : null;

    /// <summary>The group name for <paramref name="gid"/>, if known.</summary>
    public string? Group(uint? gid) => gid is { } g && _groups.TryGetValue(g, out var n) ? n : null;

    private static Dictionary<uint, string> ReadTable(ISourceFiles source, string hostPath, List<string> problems)
    {
        var table = new Dictionary<uint, string>();
        var text = IdentityFile.ReadText(source, hostPath, MaxBytes, out var unavailable);
        if (unavailable is not null)
        {
            problems.Add($"user and group names not read: {unavailable}");
        }

        foreach (var line in (text ?? string.Empty).Split('\n'))
        {
            var fields = line.Split(':');
            if (fields.Length >= 3 && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                table.TryAdd(id, fields[0]);
            }
        }

        return table;
    }
}
