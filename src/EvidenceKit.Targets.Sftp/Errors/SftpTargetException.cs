namespace EvidenceKit.Targets.Sftp.Errors;

/// <summary>
/// A problem with an SFTP target that the user must act on (host key, login, reachability, target directory).
/// The message is one sentence meant for the user.
/// </summary>
public class SftpTargetException(string message, Exception? inner = null) : IOException(message, inner);
