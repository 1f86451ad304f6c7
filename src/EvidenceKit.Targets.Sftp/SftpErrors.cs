using EvidenceKit.Core.Abstractions;
using System.Globalization;
using EvidenceKit.Targets.Sftp.Errors;
using EvidenceKit.Targets.Sftp.HostKeys;
using Renci.SshNet.Common;

namespace EvidenceKit.Targets.Sftp;

/// <summary>Every exception this project throws is built here, so the messages read alike.</summary>
internal static class SftpErrors
{
    private const string HowToPin = "--host-key-fingerprint {5} or --known-hosts FILE";

    public static SftpTargetUriException UriNotSftp(string target) =>
        new($"'{target}' is not an sftp target; write sftp://user@host[:port]/path.");

    public static SftpTargetUriException UriInvalid(string target, string reason) =>
        new($"The target '{target}' is not a valid sftp://user@host[:port]/path URI: {reason}.");

    public static SftpTargetException KnownHostsUnreadable(string path, Exception inner) =>
        new($"The known_hosts file '{path}' cannot be read: {inner.Message}", inner);

    public static SftpTargetException FingerprintMalformed(string text) =>
        new($"The host key fingerprint '{text}' is not in the form ssh-keygen -lf prints: SHA256: followed by 43 base64 characters.");

    public static HostKeyException HostKeyRejected(SftpTargetUri uri, HostKeyVerdict verdict) =>
        new(string.Format(CultureInfo.InvariantCulture,
                "Refusing to connect to {0}:{1}: the server presented the {2} host key {3}, and {4}. " +
                "Confirm that fingerprint out of band (on the server: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), " +
                "then pass " + HowToPin + ".",
                uri.Host, uri.Port, verdict.KeyType, verdict.Fingerprint, verdict.Reason, verdict.Fingerprint),
            verdict.Fingerprint, verdict.KeyType);

    public static SftpAuthException NoCredentials(SftpTargetUri uri) =>
        new($"No way to log in to {uri}: give an SSH private key (--ssh-key FILE), an SSH agent (SSH_AUTH_SOCK) or a password (EVIDENCEKIT_SSH_PASSWORD).");

    public static SftpAuthException AgentUnusable(string socket, Exception inner) =>
        new($"Cannot log in with the SSH agent at '{socket}': {inner.Message} Start the agent (eval $(ssh-agent)) or give --ssh-key FILE.", inner);

    public static SftpAuthException AgentHasNoKeys(string socket, int skipped) =>
        new(skipped == 0
            ? $"The SSH agent at '{socket}' holds no keys; add one with ssh-add, or give --ssh-key FILE."
            : $"The SSH agent at '{socket}' holds no key usable here ({skipped} certificate, FIDO or DSA key(s) skipped); add an ed25519, ECDSA or RSA key with ssh-add, or give --ssh-key FILE.");

    public static SftpAuthException AgentSignFailed(string socket, Exception inner) =>
        new($"The SSH agent at '{socket}' did not sign the login: {inner.Message}", inner);

    public static SftpAuthException KeyFileMissing(string path) =>
        new($"The SSH private key file '{path}' does not exist.");

    public static SftpAuthException KeyFileEncrypted(string path) =>
        new($"The SSH private key '{path}' is protected by a passphrase; set EVIDENCEKIT_SSH_KEY_PASSPHRASE or enter it at the prompt.");

    public static SftpAuthException KeyFileUnreadable(string path, Exception inner) =>
        new($"The SSH private key '{path}' cannot be used (wrong passphrase, or not an OpenSSH/PEM private key): {inner.Message}", inner);

    public static SftpAuthException AuthenticationFailed(SftpTargetUri uri, string methods, Exception inner) =>
        new($"The server {uri.Host}:{uri.Port} refused the login of user '{uri.User}' with {methods}: {inner.Message} " +
            "Check that the public key is in that account's authorized_keys and that the user name is right.", inner);

    public static SftpUnreachableException Unreachable(SftpTargetUri uri, Exception inner) =>
        new($"Cannot reach the SFTP server at {uri.Host} port {uri.Port}: {inner.Message}", uri.Host, uri.Port, inner);

    public static SftpUnreachableException NoSftpSubsystem(SftpTargetUri uri, Exception inner) =>
        new($"The SSH server at {uri.Host} port {uri.Port} accepted the login but did not start SFTP: {inner.Message}",
            uri.Host, uri.Port, inner);

    public static SftpTargetException RootMissing(SftpTargetUri uri, string root) =>
        new($"The target directory '{root}' does not exist on {uri.Host}:{uri.Port}; create it there first (and make it writable by '{uri.User}').");

    public static SftpTargetException RootNotDirectory(SftpTargetUri uri, string root) =>
        new($"The target '{root}' on {uri.Host}:{uri.Port} is not a directory.");

    public static TargetConnectionLostException ConnectionLost(string location, int attempts, TimeSpan elapsed, Exception? last) =>
        new(string.Format(CultureInfo.InvariantCulture,
            "The connection to {0} is lost: {1} reconnect attempt(s) over {2:0.#} s failed{3}.",
            location, attempts, elapsed.TotalSeconds, last is null ? "" : " (last: " + last.Message + ")"), last);

    public static TargetConnectionLostException StreamBroken(string location, string path, bool writing, Exception? inner) =>
        new(writing
                ? $"The connection to {location} was lost while writing '{path}'; that file is incomplete and must be written again from the start."
                : $"The connection to {location} was lost while reading '{path}'.",
            inner);

    public static TargetConnectionLostException OperationInterrupted(string location, string what, Exception inner) =>
        new($"The connection to {location} was lost during {what}, and it is not safe to repeat automatically.", inner);

    public static ObjectDisposedException Disposed() => new(nameof(SftpTargetStore));

    public static ArgumentException PathInvalid(string path, string reason) =>
        new($"'{path}' is not a valid store path: {reason}.", nameof(path));

    public static FileNotFoundException NotFound(string location, string path, Exception? inner = null) =>
        new($"'{path}' does not exist in {location}.", path, inner);

    public static IOException DestinationExists(string from, string to) =>
        new($"Cannot move '{from}' to '{to}': '{to}' already exists.");

    public static IOException IsDirectory(string path) =>
        new($"'{path}' is a directory; only files can be deleted.");

    public static IOException NotADirectory(string path) =>
        new($"Cannot create directory '{path}': a file of that name is in the way.");

    public static Exception OperationFailed(string location, string what, string path, SshException inner) => inner switch
    {
        SftpPathNotFoundException => NotFound(location, path, inner),
        SftpPermissionDeniedException => new UnauthorizedAccessException(
            $"The server {location} denied {what} '{path}': {inner.Message}", inner),
        _ => new IOException($"The server {location} failed {what} '{path}': {inner.Message}", inner),
    };
}
