namespace EvidenceKit.Targets.Sftp.Agent;

/// <summary>One key an SSH agent holds: its public key blob, the key type named in the blob, and the comment.</summary>
internal sealed record AgentIdentity(byte[] KeyBlob, string KeyType, string Comment);
