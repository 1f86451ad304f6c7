namespace EvidenceKit.Core.Verification;

/// <summary>How much was checked.</summary>
/// <param name="Files">Payload files hashed.</param>
/// <param name="Bytes">Payload bytes hashed.</param>
/// <param name="Seconds">Wall time of the whole verification.</param>
public sealed record VerificationFigures(long Files, long Bytes, double Seconds);
