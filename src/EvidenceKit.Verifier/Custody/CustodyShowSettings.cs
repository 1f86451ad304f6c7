using System.CommandLine;

namespace EvidenceKit.Verifier.Custody;

/// <summary><c>custody show</c>'s options, declared once, and what it was asked to list.</summary>
internal sealed record CustodyShowSettings(string BundlePath, TrustSettings Trust, bool Json)
{
    public static readonly Argument<string> BundleArgument = new("BUNDLE") { Description = "The bundle directory." };
    public static readonly Option<bool> JsonOption = new("--json") { Description = "Print the chain as one JSON document." };

    /// <summary>Every option of <c>custody show</c>, the trust options included.</summary>
    public static IReadOnlyList<Option> Options { get; } = [.. TrustSettings.Options, JsonOption];

    /// <summary>What the command line gave.</summary>
    public static CustodyShowSettings Bind(ParseResult parse) =>
        new(parse.GetValue(BundleArgument) ?? "", TrustSettings.Bind(parse), parse.GetValue(JsonOption));
}
