namespace EvidenceKit.Signing.Trust;

/// <summary>What the end certificate of a trusted path must be allowed to do.</summary>
internal enum RequiredUsage
{
    /// <summary>Sign data: keyUsage digitalSignature, when the extension is present.</summary>
    DigitalSignature,

    /// <summary>Sign time-stamps: extendedKeyUsage timeStamping, marked critical (RFC 3161).</summary>
    TimeStamping,
}
