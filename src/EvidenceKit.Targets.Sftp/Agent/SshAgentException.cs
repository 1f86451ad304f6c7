namespace EvidenceKit.Targets.Sftp.Agent;

/// <summary>The SSH agent could not be reached, answered out of protocol, or refused a request.</summary>
internal sealed class SshAgentException(string message, Exception? inner = null) : Exception(message, inner);
