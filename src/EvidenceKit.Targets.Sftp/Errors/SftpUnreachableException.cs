namespace EvidenceKit.Targets.Sftp.Errors;

/// <summary>No SSH connection could be opened to the server (refused, timed out, name not resolved).</summary>
public sealed class SftpUnreachableException(string message, string host, int port, Exception? inner = null)
    : SftpTargetException(message, inner)
{
    /// <summary>The host that could not be reached.</summary>
    public string Host { get; } = host;

    /// <summary>The port that could not be reached.</summary>
    public int Port { get; } = port;
}
