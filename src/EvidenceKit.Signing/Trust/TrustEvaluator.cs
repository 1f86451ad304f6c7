using EvidenceKit.Core.Abstractions;
using EvidenceKit.Signing.Certificates;
using Org.BouncyCastle.Utilities;
using Org.BouncyCastle.X509;

namespace EvidenceKit.Signing.Trust;

/// <summary>
/// Judges a certificate against a <see cref="TrustPolicy"/>. Trust comes only from the policy: a pinned
/// fingerprint, a certificate that is itself an anchor, or a path of valid signatures to an anchor.
/// Certificates carried by a signature may only serve as intermediates, never as anchors.
/// </summary>
internal static class TrustEvaluator
{
    private const int MaxIntermediates = 8;

    /// <summary>Decides whether <paramref name="endCertificate"/> is trusted at <paramref name="at"/>.</summary>
    /// <param name="endCertificate">The signer (or TSA) certificate.</param>
    /// <param name="carried">Certificates that came with the signature; intermediates only.</param>
    /// <param name="policy">The verifier's trust policy.</param>
    /// <param name="at">The time at which every certificate on the path must be valid.</param>
    /// <param name="usage">What the end certificate must be allowed to do.</param>
    /// <param name="role">"signer" or "TSA", for the reason phrase.</param>
    public static TrustDecision Evaluate(
        X509Certificate endCertificate,
        IReadOnlyCollection<X509Certificate> carried,
        TrustPolicy policy,
        DateTimeOffset at,
        RequiredUsage usage,
        string role)
    {
        if (policy.IsEmpty)
        {
            return new(false, $"{role} not trusted: no trust anchor or pinned fingerprint was given");
        }

        if (!CertificateFacts.IsValidAt(endCertificate, at))
        {
            return new(false,
                $"{role} not trusted: its certificate is not valid at {CertificateFacts.FormatUtc(at)} " +
                $"(valid from {CertificateFacts.FormatUtc(CertificateFacts.Utc(endCertificate.NotBefore))} " +
                $"to {CertificateFacts.FormatUtc(CertificateFacts.Utc(endCertificate.NotAfter))})");
        }

        if (usage == RequiredUsage.DigitalSignature && !CertificateFacts.AllowsDigitalSignature(endCertificate))
        {
            return new(false, $"{role} not trusted: its certificate lacks the digitalSignature key usage");
        }

        if (usage == RequiredUsage.TimeStamping && !CertificateFacts.HasCriticalTimeStampingUsage(endCertificate))
        {
            return new(false, $"{role} not trusted: its certificate lacks the critical timeStamping extended key usage");
        }

        var endDer = endCertificate.GetEncoded();
        var fingerprint = CertificateFacts.Sha256Hex(endDer);
        if (policy.PinnedFingerprints.Any(pin => CertificateFacts.NormalizeFingerprint(pin) == fingerprint))
        {
            return new(true, $"{role} trusted by pinned fingerprint");
        }

        var anchors = policy.TrustedCertificates
            .Select(der => CertificateFacts.TryParse(der))
            .OfType<X509Certificate>()
            .ToList();
        if (anchors.Any(anchor => Arrays.AreEqual(anchor.GetEncoded(), endDer)))
        {
            return new(true, $"{role} certificate is a trust anchor");
        }

        var anchor = FindAnchor(endCertificate, anchors, carried, at, intermediates: 0, visited: [endCertificate]);
        return anchor is null
            ? new(false, $"{role} not trusted: its certificate neither chains to a trust anchor nor matches a pinned fingerprint")
            : new(true, $"{role} chains to trust anchor {anchor.SubjectDN}");
    }

    private static X509Certificate? FindAnchor(
        X509Certificate current,
        List<X509Certificate> anchors,
        IReadOnlyCollection<X509Certificate> carried,
        DateTimeOffset at,
        int intermediates,
        List<X509Certificate> visited)
    {
        foreach (var anchor in anchors)
        {
            if (Issued(anchor, current, at, intermediates))
            {
                return anchor;
            }
        }

        if (intermediates >= MaxIntermediates)
        {
            return null;
        }

        foreach (var candidate in carried)
        {
            if (visited.Contains(candidate) || !Issued(candidate, current, at, intermediates))
            {
                continue;
            }

            visited.Add(candidate);
            var found = FindAnchor(candidate, anchors, carried, at, intermediates + 1, visited);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static bool Issued(X509Certificate issuer, X509Certificate subject, DateTimeOffset at, int intermediatesBelow)
    {
        if (!issuer.SubjectDN.Equivalent(subject.IssuerDN, inOrder: true)
            || !CertificateFacts.MayIssue(issuer)
            || !CertificateFacts.IsValidAt(issuer, at))
        {
            return false;
        }

        var pathLength = issuer.GetBasicConstraints();
        if (pathLength >= 0 && pathLength < intermediatesBelow)
        {
            return false;
        }

        try
        {
            subject.Verify(issuer.GetPublicKey());
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }
}
