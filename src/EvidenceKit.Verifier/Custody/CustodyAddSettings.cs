using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Custody;
using EvidenceKit.Signing.Timestamps;

namespace EvidenceKit.Verifier.Custody;

/// <summary>What <c>custody add</c> was asked to record.</summary>
internal sealed record CustodyAddSettings(
    string BundlePath,
    string Kind,
    string? Actor,
    string KeyPath,
    TrustSettings Trust,
    string? Organization,
    string? From,
    string? To,
    string? Reason,
    string? Location,
    string? Medium,
    string? Seal,
    string? Tsa,
    bool Json)
{
    /// <summary>One sentence on what is wrong, or null.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(BundlePath))
        {
            return "Give the bundle directory to add the event to.";
        }
        if (!CustodyEventKinds.Addable.Contains(Kind))
        {
            return $"--event {Kind} is not a custody event kind; use one of {string.Join(", ", CustodyEventKinds.Addable)}.";
        }
        if (Actor is not null && string.IsNullOrWhiteSpace(Actor))
        {
            return "--actor needs the name on your signing certificate; leave it out to use that name.";
        }
        if (!File.Exists(KeyPath))
        {
            return $"--key {KeyPath} does not exist; give your PKCS#12 key file (make one with 'evidencekit-collect keygen').";
        }
        if (Tsa is not null && !Rfc3161Timestamper.IsAuthorityUrl(Tsa))
        {
            return $"--tsa {Tsa} is not an http:// or https:// URL.";
        }
        return Trust.Validate();
    }

    /// <summary>
    /// The event's actor: the signing certificate's common name (<see cref="SignerIdentity.CommonName"/>). An --actor that
    /// is not that name is refused, and so is a certificate that names no one: an event names the person who signs it.
    /// </summary>
    public string? ActorProblem(SignerIdentity signer)
    {
        if (signer.CommonName is not { } name)
        {
            return $"Your signing certificate \"{Printable(signer.Subject)}\" has no single common name (CN), so it names no one; an event names the person who signs it: sign with a certificate that names you.";
        }
        return Actor is null || signer.IsNamedBy(Actor)
            ? null
            : $"--actor \"{Printable(Actor)}\" is not the name on your signing certificate, \"{Printable(name)}\"; an event names the person who signs it: leave --actor out, or sign with that person's key.";
    }

    /// <summary>What to record, with the actor named by the signing certificate (call after <see cref="ActorProblem"/>).</summary>
    public CustodyEventDetails Details(SignerIdentity signer) =>
        new(Kind, signer.CommonName ?? signer.Subject, Organization, From, To, Reason, Location, Medium, Seal);

    private static string Printable(string text) =>
        new(text.Take(200).Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format ? '?' : c).ToArray());
}
