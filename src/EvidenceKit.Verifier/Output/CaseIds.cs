using System.Security.Cryptography;
using System.Text;

namespace EvidenceKit.Verifier.Output;

/// <summary>
/// The IRIs of the CASE export's nodes: <c>kb:KIND-UUID</c>, as CASE requires (every node IRI-identified and ending in a
/// UUID). The UUID is name-based (RFC 4122 version 5) in the bundle id's namespace, so two exports of the same bundle
/// name each node the same way and one evidence id is always one node.
/// </summary>
internal sealed class CaseIds(Guid bundleId)
{
    /// <summary>The IRI the <c>kb:</c> prefix stands for.</summary>
    public const string Prefix = "urn:evidencekit:";

    /// <summary>"kb:file-0f8e...": the node of <paramref name="kind"/> named <paramref name="key"/> in this bundle.</summary>
    public string For(string kind, string key)
    {
#pragma warning disable CA5350 // RFC 4122 version 5 is defined with SHA-1; it names nodes, it protects nothing.
        var hash = SHA1.HashData([.. bundleId.ToByteArray(bigEndian: true), .. Encoding.UTF8.GetBytes($"{kind}\n{key}")]);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return $"kb:{kind}-{new Guid(bytes, bigEndian: true):D}";
    }
}
