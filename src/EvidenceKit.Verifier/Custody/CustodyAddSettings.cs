using EvidenceKit.Core.Custody;

namespace EvidenceKit.Verifier.Custody;

/// <summary>What <c>custody add</c> was asked to record.</summary>
internal sealed record CustodyAddSettings(
    string BundlePath,
    string Kind,
    string Actor,
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
        if (string.IsNullOrWhiteSpace(Actor))
        {
            return "--actor needs the name of the person handling the evidence.";
        }
        if (!File.Exists(KeyPath))
        {
            return $"--key {KeyPath} does not exist; give your PKCS#12 key file (make one with 'evidencekit-collect keygen').";
        }
        if (Tsa is not null && (!Uri.TryCreate(Tsa, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            return $"--tsa {Tsa} is not an http:// or https:// URL.";
        }
        return Trust.Validate();
    }

    public CustodyEventDetails Details => new(Kind, Actor, Organization, From, To, Reason, Location, Medium, Seal);
}
