namespace EvidenceKit.Targets.Sftp.Errors;

/// <summary>
/// The server's host key was not pinned, or did not match the pin. Raised during key exchange, before any
/// authentication or file operation.
/// </summary>
public sealed class HostKeyException(string message, string presentedFingerprint, string presentedKeyType)
    : SftpTargetException(message)
{
    /// <summary>The fingerprint of the key the server presented, as <c>ssh-keygen -lf</c> prints it: "SHA256:...".</summary>
    public string PresentedFingerprint { get; } = presentedFingerprint;

    /// <summary>The type of the key the server presented, e.g. "ssh-ed25519".</summary>
    public string PresentedKeyType { get; } = presentedKeyType;
}
