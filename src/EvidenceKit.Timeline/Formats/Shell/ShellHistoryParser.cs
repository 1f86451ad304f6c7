using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Shell;

/// <summary>Shell histories with times (<c>.bash_history</c> with <c>#epoch</c> lines, zsh extended <c>.zsh_history</c>); the user is taken from the home directory in the path.</summary>
internal sealed partial class ShellHistoryParser : LineParser
{
    /// <inheritdoc />
    public override string Name => "shell-history";

    /// <inheritdoc />
    public override int Fits(LogSample sample)
    {
        var name = SampleText.NameIs(sample, ".bash_history", ".zsh_history", ".history", ".sh_history");
        var content = Stamped().IsMatch(SampleText.FirstLine(sample));
        return FitScore.Of(name, content);
    }

    /// <inheritdoc />
    protected override LineSession Open(LogSource source, IEventSink sink) => new ShellHistorySession(source, sink);

    [GeneratedRegex(@"^(?:#\d{9,11}\s*$|: \d{9,11}:\d+;)")]
    private static partial Regex Stamped();
}
