using System.CommandLine;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Custody;
using EvidenceKit.Signing.Timestamps;

namespace EvidenceKit.Verifier.Custody;

/// <summary><c>custody add</c>'s options, each declared once with its type and help, and what it was asked to record.</summary>
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
    public static readonly Argument<string> BundleArgument = new("BUNDLE") { Description = "The sealed bundle directory." };
    public static readonly Option<string> EventOption = new("--event") { Description = $"What happened: {string.Join(", ", CustodyEventKinds.Addable)}.", Required = true };
    public static readonly Option<string?> ActorOption = new("--actor") { Description = "Your name; it must be the common name (CN) of your signing certificate, which is used when this is left out." };
    public static readonly Option<string> KeyOption = new("--key") { Description = "Your PKCS#12 key (.p12); its passphrase from EVIDENCEKIT_KEY_PASSPHRASE or a prompt.", Required = true };
    public static readonly Option<string?> OrgOption = new("--org") { Description = "Your organization." };
    public static readonly Option<string?> FromOption = new("--from") { Description = "Who or where the evidence came from." };
    public static readonly Option<string?> ToOption = new("--to") { Description = "Who or where it goes to." };
    public static readonly Option<string?> ReasonOption = new("--reason") { Description = "Purpose or reason." };
    public static readonly Option<string?> LocationOption = new("--location") { Description = "Where this happens." };
    public static readonly Option<string?> MediumOption = new("--medium") { Description = "What the evidence is on (drive and serial, share)." };
    public static readonly Option<string?> SealOption = new("--seal") { Description = "Seal or evidence bag number." };
    public static readonly Option<string?> TsaOption = new("--tsa") { Description = "RFC 3161 time-stamp authority URL: the event's signature is time-stamped (.p7s.tsr)." };
    public static readonly Option<bool> JsonOption = new("--json") { Description = "Print the added event as JSON." };

    /// <summary>Every option of <c>custody add</c>, the trust options included.</summary>
    public static IReadOnlyList<Option> Options { get; } =
    [
        EventOption, ActorOption, KeyOption, OrgOption, FromOption, ToOption, ReasonOption, LocationOption, MediumOption, SealOption, TsaOption,
        .. TrustSettings.Options, JsonOption,
    ];

    /// <summary>What the command line gave.</summary>
    public static CustodyAddSettings Bind(ParseResult parse) => new(
        parse.GetValue(BundleArgument) ?? "",
        parse.GetValue(EventOption) ?? "",
        parse.GetValue(ActorOption),
        parse.GetValue(KeyOption) ?? "",
        TrustSettings.Bind(parse),
        parse.GetValue(OrgOption),
        parse.GetValue(FromOption),
        parse.GetValue(ToOption),
        parse.GetValue(ReasonOption),
        parse.GetValue(LocationOption),
        parse.GetValue(MediumOption),
        parse.GetValue(SealOption),
        parse.GetValue(TsaOption),
        parse.GetValue(JsonOption));

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
