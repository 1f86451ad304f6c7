using System.CommandLine;

namespace EvidenceKit.Verifier;

/// <summary>The trust options, shared by verification and <c>custody add</c>/<c>show</c>.</summary>
internal static class TrustOptions
{
    public static Option<string[]> Trust() => new("--trust") { Description = "A trusted certificate (PEM or DER) or a directory of them; repeatable." };

    public static Option<string[]> Fingerprint() => new("--trust-fingerprint") { Description = "SHA-256 fingerprint of a trusted signer certificate; repeatable." };

    public static Option<string[]> TsaTrust() => new("--tsa-trust") { Description = "A trusted time-stamp authority certificate or root (PEM or DER), or a directory of them; repeatable. Separate from --trust." };
}
