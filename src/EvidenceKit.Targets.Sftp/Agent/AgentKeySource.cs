using Renci.SshNet;
using Renci.SshNet.Security;

namespace EvidenceKit.Targets.Sftp.Agent;

/// <summary>
/// The keys of an SSH agent as one SSH.NET key source: one signature algorithm per agent key that SSH.NET can offer
/// (ed25519, ECDSA, and RSA signed as rsa-sha2-256). The private keys never leave the agent.
/// </summary>
internal sealed class AgentKeySource : IPrivateKeySource
{
    private AgentKeySource(SshAgentClient agent, IReadOnlyCollection<HostAlgorithm> algorithms, int skipped)
    {
        Agent = agent;
        HostKeyAlgorithms = algorithms;
        Skipped = skipped;
    }

    public SshAgentClient Agent { get; }

    public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; }

    /// <summary>How many agent keys were left out because their type cannot be offered (certificates, FIDO, DSA).</summary>
    public int Skipped { get; }

    /// <summary>Lists the agent's keys once; signing asks the agent again each time.</summary>
    /// <exception cref="SshAgentException">The agent cannot be reached or answers out of protocol.</exception>
    public static AgentKeySource Load(SshAgentClient agent)
    {
        var algorithms = new List<HostAlgorithm>();
        var skipped = 0;
        foreach (var identity in agent.ListIdentities())
        {
            var offer = Offer(identity.KeyType);
            if (offer is null)
                skipped++;
            else
                algorithms.Add(new AgentHostAlgorithm(agent, identity, offer.Value.Algorithm, offer.Value.Flags));
        }
        return new AgentKeySource(agent, algorithms, skipped);
    }

    private static (string Algorithm, uint Flags)? Offer(string keyType) => keyType switch
    {
        "ssh-ed25519" or "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521" => (keyType, 0u),
        "ssh-rsa" => ("rsa-sha2-256", SshAgentClient.RsaSha2_256),
        _ => null,
    };
}
