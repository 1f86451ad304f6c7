using System.IO.Enumeration;
using System.Security.Cryptography;
using System.Text;

namespace EvidenceKit.Targets.Sftp.HostKeys;

/// <summary>
/// An OpenSSH known_hosts file: plain names and wildcard patterns (with '!' negation), "[host]:port" for ports
/// other than 22, hashed "|1|salt|hash" names (HMAC-SHA1 of the name keyed with the salt), and "@revoked" lines.
/// "@cert-authority" lines are ignored: certificates are not accepted.
/// </summary>
internal sealed class KnownHostsFile
{
    /// <summary>Key types we accept from known_hosts (the blob's own type, so rsa-sha2-* keys appear as ssh-rsa).</summary>
    public static readonly IReadOnlySet<string> SupportedKeyTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa",
    };

    private KnownHostsFile(string path, IReadOnlyList<KnownHostsEntry> entries)
    {
        Path = path;
        Entries = entries;
    }

    /// <summary>The file the entries came from.</summary>
    public string Path { get; }

    /// <summary>Every line with a supported key type.</summary>
    public IReadOnlyList<KnownHostsEntry> Entries { get; }

    /// <summary>Reads and parses <paramref name="path"/>; lines that cannot be parsed are skipped, as ssh does.</summary>
    public static KnownHostsFile Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw SftpErrors.KnownHostsUnreadable(path, e);
        }

        return Parse(path, lines);
    }

    /// <summary>Parses known_hosts lines.</summary>
    public static KnownHostsFile Parse(string path, IEnumerable<string> lines)
    {
        var entries = new List<KnownHostsEntry>();
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var fields = raw.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#'))
                continue;
            var revoked = false;
            if (fields[0].StartsWith('@'))
            {
                if (fields[0] == "@revoked")
                    revoked = true;
                else
                    continue;
                fields = fields[1..];
            }

            if (fields.Length < 3 || !SupportedKeyTypes.Contains(fields[1]))
                continue;
            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(fields[2]);
            }
            catch (FormatException)
            {
                continue;
            }

            if (SshKeyBlob.TypeOf(blob) != fields[1])
                continue;
            entries.Add(new KnownHostsEntry(fields[0], fields[1], blob, revoked, number));
        }

        return new KnownHostsFile(path, entries);
    }

    /// <summary>The name ssh looks up: "host" on port 22, "[host]:port" otherwise.</summary>
    public static string LookupName(string host, int port) =>
        port == 22 ? host : $"[{host}]:{port}";

    /// <summary>The entries whose host field matches <paramref name="host"/> and <paramref name="port"/>.</summary>
    public IReadOnlyList<KnownHostsEntry> For(string host, int port)
    {
        var name = LookupName(host, port);
        return Entries.Where(e => Matches(e.HostPatterns, name)).ToList();
    }

    private static bool Matches(string patterns, string name)
    {
        if (patterns.StartsWith("|1|", StringComparison.Ordinal))
            return HashedMatches(patterns, name);

        var matched = false;
        foreach (var pattern in patterns.Split(','))
        {
            var negated = pattern.StartsWith('!');
            var body = negated ? pattern[1..] : pattern;
            if (!WildcardMatches(body, name))
                continue;
            if (negated)
                return false;
            matched = true;
        }

        return matched;
    }

    private static bool HashedMatches(string field, string name)
    {
        var parts = field.Split('|');
        if (parts.Length != 4)
            return false;
        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name));
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>ssh's host patterns: '*' any run of characters, '?' one, case-insensitive (the BCL's simple expressions).</summary>
    private static bool WildcardMatches(string pattern, string name) =>
        FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: true);
}
