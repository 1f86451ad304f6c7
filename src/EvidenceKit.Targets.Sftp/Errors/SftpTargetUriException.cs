namespace EvidenceKit.Targets.Sftp.Errors;

/// <summary>A target string is not a usable <c>sftp://user@host[:port]/path</c> URI.</summary>
public sealed class SftpTargetUriException(string message) : FormatException(message);
