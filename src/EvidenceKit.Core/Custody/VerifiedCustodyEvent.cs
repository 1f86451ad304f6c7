using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;

namespace EvidenceKit.Core.Custody;

/// <summary>One event as the chain check found it.</summary>
/// <param name="Sequence">Its number, from the file name.</param>
/// <param name="Path">Its bag path.</param>
/// <param name="Sha256">SHA-256 of its .json file (empty when it could not be read).</param>
/// <param name="Event">The parsed event, when it parsed.</param>
/// <param name="Signature">The result of checking its .p7s, when there was one to check.</param>
/// <param name="Timestamp">The result of checking its .p7s.tsr, when there was one and a checker.</param>
public sealed record VerifiedCustodyEvent(
    int Sequence,
    string Path,
    string Sha256,
    CustodyEvent? Event,
    SignatureVerification? Signature,
    TimestampVerification? Timestamp);
