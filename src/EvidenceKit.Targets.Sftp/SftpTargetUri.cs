using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EvidenceKit.Targets.Sftp.Errors;

namespace EvidenceKit.Targets.Sftp;

/// <summary>
/// A parsed <c>sftp://user@host[:port]/path</c> target. The path is absolute on the server
/// (<c>sftp://ir@host/srv/evidence</c> is <c>/srv/evidence</c>); <c>sftp://ir@host/~/evidence</c> and
/// <c>sftp://ir@host</c> are relative to the account's login directory. IPv6 hosts go in brackets;
/// user and path may be percent-encoded. A password in the URI is refused.
/// </summary>
public sealed class SftpTargetUri : IEquatable<SftpTargetUri>
{
    /// <summary>The URI scheme, without "://".</summary>
    public const string Scheme = "sftp";

    /// <summary>The port used when the URI names none.</summary>
    public const int DefaultPort = 22;

    private const string Prefix = Scheme + "://";

    private SftpTargetUri(string user, string host, int port, string path)
    {
        User = user;
        Host = host;
        Port = port;
        Path = path;
    }

    /// <summary>The login name, percent-decoded.</summary>
    public string User { get; }

    /// <summary>The host name or IP address, without IPv6 brackets.</summary>
    public string Host { get; }

    /// <summary>The TCP port (22 unless the URI names another).</summary>
    public int Port { get; }

    /// <summary>
    /// The directory on the server, percent-decoded, without a trailing '/': absolute ("/srv/evidence", or "/"
    /// for the root), or relative to the login directory ("evidence", or "" for the login directory itself).
    /// </summary>
    public string Path { get; }

    /// <summary>True when <see cref="Path"/> is relative to the account's login directory.</summary>
    public bool IsHomeRelative => !Path.StartsWith('/');

    /// <summary>True when <paramref name="target"/> starts with "sftp://" (any case); says nothing about validity.</summary>
    public static bool IsSftp(string? target) =>
        target is not null && target.TrimStart().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <paramref name="target"/>.</summary>
    /// <exception cref="SftpTargetUriException">The text is not a usable sftp URI; the message says why.</exception>
    public static SftpTargetUri Parse(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var text = target.Trim();
        if (!IsSftp(text))
            throw SftpErrors.UriNotSftp(target);

        var rest = text[Prefix.Length..];
        if (rest.IndexOfAny(['?', '#']) >= 0)
            throw SftpErrors.UriInvalid(target, "a query ('?') or fragment ('#') is not allowed");
        if (rest.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw SftpErrors.UriInvalid(target, "spaces and control characters must be percent-encoded");

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var rawPath = slash < 0 ? "" : rest[slash..];

        var at = authority.LastIndexOf('@');
        if (at <= 0)
            throw SftpErrors.UriInvalid(target, "it names no user; write sftp://USER@host/path");
        var rawUser = authority[..at];
        if (rawUser.Contains(':', StringComparison.Ordinal))
            throw SftpErrors.UriInvalid(target,
                "a password does not belong in the URI; set EVIDENCEKIT_SSH_PASSWORD or use a key");
        if (rawUser.Contains(';', StringComparison.Ordinal) || rawUser.Contains('@', StringComparison.Ordinal))
            throw SftpErrors.UriInvalid(target, "the user name must be percent-encoded");
        var user = Decode(rawUser, target, "user");
        if (user.Length == 0)
            throw SftpErrors.UriInvalid(target, "the user name is empty");

        var (host, port) = ParseHostPort(authority[(at + 1)..], target);
        return new SftpTargetUri(user, host, port, ParsePath(rawPath, target));
    }

    /// <summary>Parses <paramref name="target"/> without throwing.</summary>
    /// <returns>False, with <paramref name="error"/> set to the reason, when the text is not a usable sftp URI.</returns>
    public static bool TryParse(string target, out SftpTargetUri? uri, out string? error)
    {
        try
        {
            uri = Parse(target);
            error = null;
            return true;
        }
        catch (SftpTargetUriException e)
        {
            uri = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>The canonical form, e.g. "sftp://ir@host:22/srv/evidence" or "sftp://ir@[::1]:2222/~/evidence".</summary>
    public override string ToString()
    {
        var host = Host.Contains(':', StringComparison.Ordinal) ? "[" + Host.Replace("%", "%25", StringComparison.Ordinal) + "]" : Host;
        var path = IsHomeRelative
            ? "/~" + (Path.Length == 0 ? "" : "/" + EncodePath(Path))
            : (Path == "/" ? "/" : EncodePath(Path));
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Uri.EscapeDataString(User)}@{host}:{Port}{path}");
    }

    /// <inheritdoc />
    public bool Equals(SftpTargetUri? other) =>
        other is not null && User == other.User && Port == other.Port && Path == other.Path
        && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SftpTargetUri);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(User, StringComparer.OrdinalIgnoreCase.GetHashCode(Host), Port, Path);

    private static (string Host, int Port) ParseHostPort(string hostPort, string target)
    {
        string host;
        string portText;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
                throw SftpErrors.UriInvalid(target, "the IPv6 address has no closing ']'");
            host = Decode(hostPort[1..close], target, "host");
            if (!IPAddress.TryParse(host, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
                throw SftpErrors.UriInvalid(target, $"'{host}' in brackets is not an IPv6 address");
            var after = hostPort[(close + 1)..];
            if (after.Length > 0 && !after.StartsWith(':'))
                throw SftpErrors.UriInvalid(target, "only ':port' may follow the IPv6 address");
            portText = after.Length > 0 ? after[1..] : "";
            if (after.Length > 0 && portText.Length == 0)
                throw SftpErrors.UriInvalid(target, "the port after ':' is empty");
        }
        else
        {
            if (hostPort.Count(c => c == ':') > 1)
                throw SftpErrors.UriInvalid(target,
                    $"'{hostPort}' is not a host name or host:port (IPv6 addresses go in brackets: sftp://user@[::1]/path)");
            var colon = hostPort.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? hostPort : hostPort[..colon];
            portText = colon < 0 ? "" : hostPort[(colon + 1)..];
            if (colon >= 0 && portText.Length == 0)
                throw SftpErrors.UriInvalid(target, "the port after ':' is empty");
            if (host.Length == 0)
                throw SftpErrors.UriInvalid(target, "it names no host");
            if (!IsHostName(host))
                throw SftpErrors.UriInvalid(target,
                    $"'{host}' is not a host name or address (IPv6 addresses go in brackets: sftp://user@[::1]/path)");
        }

        var port = DefaultPort;
        if (portText.Length > 0
            && (!portText.All(char.IsAsciiDigit) || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port)
                || port is < 1 or > 65535))
            throw SftpErrors.UriInvalid(target, $"the port '{portText}' is not a number from 1 to 65535");
        return (host, port);
    }

    private static bool IsHostName(string host) =>
        host.Split('.').All(label => label.Length is > 0 and <= 63
                                     && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                                     && !label.StartsWith('-') && !label.EndsWith('-'));

    private static string ParsePath(string rawPath, string target)
    {
        var segments = new List<string>();
        foreach (var raw in rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Decode(raw, target, "path");
            if (segment.Contains('/', StringComparison.Ordinal) || segment.Contains('\0', StringComparison.Ordinal))
                throw SftpErrors.UriInvalid(target, "a path segment may not contain an encoded '/' or NUL");
            if (segment is "." or "..")
                throw SftpErrors.UriInvalid(target, "'.' and '..' are not allowed in the path");
            segments.Add(segment);
        }

        if (segments.Count > 0 && segments[0] == "~" && rawPath.StartsWith("/~", StringComparison.Ordinal))
            return string.Join('/', segments.Skip(1));
        if (segments.Count == 0)
            return rawPath.Length == 0 ? "" : "/";
        return "/" + string.Join('/', segments);
    }

    private static string EncodePath(string path) =>
        string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string Decode(string text, string target, string part)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
            return text;
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
                continue;
            }

            if (i + 2 >= text.Length || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier,
                    CultureInfo.InvariantCulture, out var value))
                throw SftpErrors.UriInvalid(target, $"the {part} has a '%' that is not followed by two hex digits");
            bytes.Add(value);
            i += 2;
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw SftpErrors.UriInvalid(target, $"the percent-encoded {part} is not valid UTF-8");
        }
    }
}
