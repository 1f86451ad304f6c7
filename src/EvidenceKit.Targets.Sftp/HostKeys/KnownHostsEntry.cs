namespace EvidenceKit.Targets.Sftp.HostKeys;

/// <summary>One key line of a known_hosts file.</summary>
/// <param name="HostPatterns">The first field: comma-separated patterns, or one hashed "|1|salt|hash" name.</param>
/// <param name="KeyType">The key type field, e.g. "ssh-ed25519".</param>
/// <param name="KeyBlob">The decoded public key.</param>
/// <param name="Revoked">True for a "@revoked" line: this key must never be accepted.</param>
/// <param name="LineNumber">1-based line in the file, for messages.</param>
internal sealed record KnownHostsEntry(string HostPatterns, string KeyType, byte[] KeyBlob, bool Revoked, int LineNumber);
