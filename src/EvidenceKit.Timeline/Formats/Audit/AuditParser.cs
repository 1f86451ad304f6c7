using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Audit;

/// <summary>The Linux audit log (<c>/var/log/audit/audit.log</c>): one event per audit serial, its records grouped.</summary>
internal sealed class AuditParser : LineParser
{
    /// <inheritdoc />
    public override string Name => "audit";

    /// <inheritdoc />
    public override int Fits(LogSample sample) =>
        FitScore.Of(SampleText.NameIs(sample, "audit.log"), AuditRecord.Looks(SampleText.FirstLine(sample)));

    /// <inheritdoc />
    protected override LineSession Open(LogSource source, IEventSink sink) => new AuditSession(sink);
}
