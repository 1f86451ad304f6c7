using System.CommandLine;
using EvidenceKit.Cli;

namespace EvidenceKit.Collector.Commands;

/// <summary>The options of <c>profiles list/show/check</c>, declared once; <c>--profiles</c> is the collect command's own declaration.</summary>
internal static class ProfilesSettings
{
    /// <summary>The same <c>--profiles</c> as collect's (one declaration, one help text).</summary>
    public static Setting<string> Dir => CollectSettings.ProfilesOption;

    public static readonly Setting<bool> JsonOption = Setting<bool>.Flag("--json", "Machine-readable output");

    public static readonly Argument<string> Name = new("name") { Description = "Profile name or .yaml path" };

    public static readonly Argument<string> File = new("file") { Description = "Profile or target .yaml file" };
}
