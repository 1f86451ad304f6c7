namespace EvidenceKit.Targets.Sftp.Errors;

/// <summary>The server refused the login, or the client key could not be read or decrypted.</summary>
public sealed class SftpAuthException(string message, Exception? inner = null) : SftpTargetException(message, inner);
