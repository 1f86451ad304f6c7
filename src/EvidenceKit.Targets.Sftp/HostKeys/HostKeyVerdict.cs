namespace EvidenceKit.Targets.Sftp.HostKeys;

/// <summary>What <see cref="HostKeyPolicy"/> decided about a presented host key.</summary>
/// <param name="Accepted">True when the key may be trusted.</param>
/// <param name="Fingerprint">"SHA256:..." of the presented key.</param>
/// <param name="KeyType">Type of the presented key, e.g. "ssh-ed25519".</param>
/// <param name="Reason">Why it was refused (a clause for the user), or what it matched when accepted.</param>
internal sealed record HostKeyVerdict(bool Accepted, string Fingerprint, string KeyType, string Reason);
