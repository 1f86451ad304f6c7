namespace EvidenceKit.Core.Abstractions;

/// <summary>Signs bytes with the examiner's key as a detached CMS SignedData structure (DER).</summary>
public interface ISigner
{
    /// <summary>Who signs: the certificate's subject, fingerprint and validity.</summary>
    SignerIdentity Identity { get; }

    /// <summary>Returns a detached CMS SignedData (DER) over exactly <paramref name="content"/>.</summary>
    byte[] SignDetached(ReadOnlySpan<byte> content);
}
