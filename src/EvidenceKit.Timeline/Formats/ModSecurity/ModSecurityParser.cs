using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.ModSecurity;

/// <summary>ModSecurity 2.x native audit logs (<c>modsec_audit.log</c>, or concurrent-mode transaction files): one event per transaction.</summary>
internal sealed class ModSecurityParser : LineParser
{
    /// <inheritdoc />
    public override string Name => "modsecurity-audit";

    /// <inheritdoc />
    public override int Fits(LogSample sample)
    {
        var content = ModSecuritySession.Boundary(SampleText.FirstLine(sample)) is { Part: 'A' };
        var name = SampleText.NameHas(sample, "modsec_audit") || SampleText.PathHas(sample, "modsec");
        return content ? FitScore.Of(name, true) : FitScore.None;
    }

    /// <inheritdoc />
    protected override LineSession Open(LogSource source, IEventSink sink) => new ModSecuritySession(sink);
}
