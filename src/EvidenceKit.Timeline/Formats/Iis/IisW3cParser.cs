using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Iis;

/// <summary>IIS (and other W3C extended format) logs: <c>u_ex261201.log</c>, <c>ex261201.log</c>, any file starting with W3C directives.</summary>
internal sealed class IisW3cParser : LineParser
{
    /// <inheritdoc />
    public override string Name => "iis-w3c";

    /// <inheritdoc />
    public override int Fits(LogSample sample)
    {
        var lines = SampleText.Lines(sample);
        var content = lines.Any(l => l.StartsWith("#Fields:", StringComparison.OrdinalIgnoreCase))
            && lines.All(l => l.StartsWith('#') || !l.Contains('\t'));
        var name = (sample.FileName.StartsWith("u_ex", StringComparison.OrdinalIgnoreCase)
                    || sample.FileName.StartsWith("ex", StringComparison.OrdinalIgnoreCase))
                   && sample.FileName.EndsWith(".log", StringComparison.OrdinalIgnoreCase);
        return content ? FitScore.Of(name, true) : FitScore.None;
    }

    /// <inheritdoc />
    protected override LineSession Open(LogSource source, IEventSink sink) => new IisW3cSession(sink);
}
