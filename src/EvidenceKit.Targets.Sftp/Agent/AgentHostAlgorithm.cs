using Renci.SshNet.Security;

namespace EvidenceKit.Targets.Sftp.Agent;

/// <summary>
/// One agent key as SSH.NET's public key login sees it: <see cref="HostAlgorithm.Name"/> is the signature algorithm
/// offered to the server, <see cref="Data"/> the public key blob, and <see cref="Sign"/> asks the agent, whose
/// answer is already the SSH signature blob (string algorithm, string signature) that SSH.NET sends.
/// </summary>
internal sealed class AgentHostAlgorithm(SshAgentClient agent, AgentIdentity identity, string algorithm, uint flags)
    : HostAlgorithm(algorithm)
{
    public AgentIdentity Identity { get; } = identity;

    public override byte[] Data => Identity.KeyBlob;

    /// <exception cref="SshAgentException">The agent cannot be reached or refuses to sign.</exception>
    public override byte[] Sign(byte[] data) => agent.Sign(Identity.KeyBlob, data, flags);

    /// <summary>Never used for a client key: SSH.NET verifies only the server's signatures.</summary>
    public override bool VerifySignature(byte[] data, byte[] signature) =>
        throw new NotSupportedException("An agent key signs; it is not used to verify.");
}
