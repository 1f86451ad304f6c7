using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EvidenceKit.Targets.Sftp.HostKeys;

/// <summary>Facts about a public key in SSH wire format (the base64 part of a .pub or known_hosts line).</summary>
internal static class SshKeyBlob
{
    /// <summary>The key type the blob starts with ("ssh-ed25519", "ssh-rsa", ...), or null when malformed.</summary>
    public static string? TypeOf(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 4)
            return null;
        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (length == 0 || length > 64 || length > blob.Length - 4)
            return null;
        return Encoding.ASCII.GetString(blob.Slice(4, (int)length));
    }

    /// <summary>"SHA256:" and the unpadded base64 SHA-256 of the blob, as <c>ssh-keygen -lf</c> prints it.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> blob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
}
