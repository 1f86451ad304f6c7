using System.Globalization;

namespace EvidenceKit.Targets.Sftp;

/// <summary>
/// Everything needed to open an SFTP target. Secrets (key passphrase, password) are taken as values; the caller
/// reads them from the environment or a prompt, never from the command line. <see cref="ToString"/> never prints them.
/// A host key pin (<see cref="HostKeyFingerprint"/> and/or <see cref="KnownHostsFile"/>) is required: there is no
/// trust on first use. With no key file, the keys of the SSH agent at <see cref="AgentSocket"/> are offered.
/// </summary>
/// <param name="Uri">Where to connect and which directory is the store's root.</param>
public sealed record SftpConnectOptions(SftpTargetUri Uri)
{
    /// <summary>OpenSSH or PEM private key file for public key authentication, or null.</summary>
    public string? PrivateKeyFile { get; init; }

    /// <summary>Passphrase of <see cref="PrivateKeyFile"/> when it is encrypted, or null.</summary>
    public string? PrivateKeyPassphrase { get; init; }

    /// <summary>
    /// The Unix socket of an SSH agent (the path SSH_AUTH_SOCK names), or null. Used when <see cref="PrivateKeyFile"/>
    /// is null: the agent's ed25519, ECDSA and RSA keys are offered and the agent signs the login. This library never
    /// reads SSH_AUTH_SOCK itself; the caller decides.
    /// </summary>
    public string? AgentSocket { get; init; }

    /// <summary>Password for password authentication (tried after the key), or null.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// The server's host key fingerprint as <c>ssh-keygen -lf KEY.pub</c> prints it ("SHA256:" and 43 base64
    /// characters), or null. When set, the presented key must match it.
    /// </summary>
    public string? HostKeyFingerprint { get; init; }

    /// <summary>
    /// An OpenSSH known_hosts file (plain, "[host]:port" and hashed "|1|" entries), or null. When set, the presented
    /// key must be listed for the host.
    /// </summary>
    public string? KnownHostsFile { get; init; }

    /// <summary>Time allowed for the TCP connection and SSH handshake of one attempt.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Time allowed for one SFTP request before the connection is taken as lost.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a lost connection is re-opened before giving up (0: never).</summary>
    public int RetryCount { get; init; } = 5;

    /// <summary>Wait before the second reconnect attempt; it doubles for each further attempt.</summary>
    public TimeSpan RetryBackoffBase { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single wait between reconnect attempts.</summary>
    public TimeSpan RetryBackoffMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound on the time spent reconnecting after one loss, waits and attempts included.</summary>
    public TimeSpan ReconnectTimeLimit { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Describes the options without the passphrase or password.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{nameof(SftpConnectOptions)} {{ Uri = {Uri}, PrivateKeyFile = {PrivateKeyFile}, AgentSocket = {AgentSocket}, " +
        $"PrivateKeyPassphrase = {Redact(PrivateKeyPassphrase)}, Password = {Redact(Password)}, " +
        $"HostKeyFingerprint = {HostKeyFingerprint}, KnownHostsFile = {KnownHostsFile}, " +
        $"ConnectTimeout = {ConnectTimeout}, OperationTimeout = {OperationTimeout}, RetryCount = {RetryCount}, " +
        $"RetryBackoffBase = {RetryBackoffBase}, RetryBackoffMax = {RetryBackoffMax}, " +
        $"ReconnectTimeLimit = {ReconnectTimeLimit} }}");

    private static string Redact(string? secret) => secret is null ? "(none)" : "(set)";
}
