using System.Text.RegularExpressions;

namespace EvidenceKit.Targets.Sftp.HostKeys;

/// <summary>
/// Decides whether a presented host key is trusted: it must match the pinned fingerprint when one is given, and
/// be listed for the host in the known_hosts file when one is given. With neither, nothing is trusted.
/// </summary>
internal sealed partial class HostKeyPolicy
{
    private readonly string? _pin;
    private readonly KnownHostsFile? _knownHosts;
    private readonly IReadOnlyList<KnownHostsEntry> _entries;

    private HostKeyPolicy(string? pin, KnownHostsFile? knownHosts, string host, int port)
    {
        _pin = pin;
        _knownHosts = knownHosts;
        Host = host;
        Port = port;
        _entries = knownHosts?.For(host, port) ?? [];
    }

    /// <summary>The host the keys are checked for.</summary>
    public string Host { get; }

    /// <summary>The port the keys are checked for.</summary>
    public int Port { get; }

    /// <summary>Builds the policy from the options; reads the known_hosts file now.</summary>
    public static HostKeyPolicy From(SftpConnectOptions options)
    {
        var pin = options.HostKeyFingerprint is null ? null : NormalizeFingerprint(options.HostKeyFingerprint);
        var knownHosts = options.KnownHostsFile is null ? null : KnownHostsFile.Load(options.KnownHostsFile);
        return new HostKeyPolicy(pin, knownHosts, options.Uri.Host, options.Uri.Port);
    }

    /// <summary>Builds a policy directly (tests).</summary>
    public static HostKeyPolicy Create(string? fingerprint, KnownHostsFile? knownHosts, string host, int port) =>
        new(fingerprint is null ? null : NormalizeFingerprint(fingerprint), knownHosts, host, port);

    /// <summary>
    /// Host key algorithms to offer, best first, so the server presents a key we can check: certificate
    /// algorithms are dropped; the types listed (and not revoked) for the host in known_hosts come first; the
    /// rest stay, so that a server with only other keys still shows its fingerprint in the refusal.
    /// </summary>
    public IReadOnlyList<string> OrderAlgorithms(IEnumerable<string> offered)
    {
        var plain = offered.Where(a => !a.Contains("-cert-", StringComparison.Ordinal)).ToList();
        var known = _entries.Where(e => !e.Revoked).Select(e => e.KeyType).ToHashSet(StringComparer.Ordinal);
        bool Known(string algorithm) =>
            known.Contains(algorithm is "rsa-sha2-256" or "rsa-sha2-512" ? "ssh-rsa" : algorithm);
        return [.. plain.Where(Known), .. plain.Where(a => !Known(a))];
    }

    /// <summary>Checks the key the server presented (SSH wire format).</summary>
    public HostKeyVerdict Check(byte[] keyBlob)
    {
        var fingerprint = SshKeyBlob.Fingerprint(keyBlob);
        var keyType = SshKeyBlob.TypeOf(keyBlob) ?? "unknown";
        HostKeyVerdict Refuse(string reason) => new(false, fingerprint, keyType, reason);

        if (_pin is null && _knownHosts is null)
            return Refuse("no host key is pinned (there is no trust on first use)");

        var matched = new List<string>();
        if (_pin is not null)
        {
            if (!string.Equals(_pin, fingerprint, StringComparison.Ordinal))
                return Refuse($"it does not match the pinned fingerprint {_pin}");
            matched.Add("the pinned fingerprint");
        }

        if (_knownHosts is not null)
        {
            var name = KnownHostsFile.LookupName(Host, Port);
            var same = _entries.Where(e => e.KeyBlob.AsSpan().SequenceEqual(keyBlob)).ToList();
            if (same.Any(e => e.Revoked))
                return Refuse($"{_knownHosts.Path} marks this key @revoked for {name}");
            if (same.Count == 0)
            {
                return Refuse(_entries.Count == 0
                    ? $"{_knownHosts.Path} has no key for {name}"
                    : $"it is not among the {_entries.Count} key(s) {_knownHosts.Path} lists for {name}");
            }

            matched.Add($"{_knownHosts.Path} line {same[0].LineNumber}");
        }

        return new HostKeyVerdict(true, fingerprint, keyType, "matches " + string.Join(" and ", matched));
    }

    private static string NormalizeFingerprint(string text)
    {
        var trimmed = text.Trim();
        var body = trimmed.StartsWith("SHA256:", StringComparison.OrdinalIgnoreCase) ? trimmed[7..] : trimmed;
        body = body.TrimEnd('=');
        if (!Base64Body().IsMatch(body) || body.Length != 43)
            throw SftpErrors.FingerprintMalformed(text);
        return "SHA256:" + body;
    }

    [GeneratedRegex("^[A-Za-z0-9+/]+$")]
    private static partial Regex Base64Body();
}
