using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Tomcat;

/// <summary>
/// Tomcat's AccessLogValve logs (<c>localhost_access_log.2026-12-01.txt</c>) in the <c>common</c> or <c>combined</c>
/// pattern. It claims only files named like Tomcat's, so Apache and nginx logs in the same format stay theirs.
/// </summary>
internal sealed class TomcatAccessParser : SingleLineParser
{
    /// <inheritdoc />
    public override string Name => "tomcat-access";

    /// <inheritdoc />
    public override int Fits(LogSample sample)
    {
        var name = sample.FileName.StartsWith("localhost_access_log", StringComparison.OrdinalIgnoreCase)
                   || (SampleText.NameHas(sample, "access_log")
                       && (SampleText.PathHas(sample, "tomcat") || SampleText.PathHas(sample, "catalina")));
        return name ? FitScore.Of(true, CommonLogFormat.Looks(SampleText.FirstLine(sample))) : FitScore.None;
    }

    /// <inheritdoc />
    protected override LogEvent? ParseLine(LogLine line, LogSource source)
    {
        if (!CommonLogFormat.TryRead(line.Text, out var time, out var fieldSet))
        {
            return null;
        }
        var fields = fieldSet.Build();
        var message = $"{fields.GetValueOrDefault("client_ip")} \"{fields.GetValueOrDefault("request")}\" {fields.GetValueOrDefault("status", "-")}";
        return new LogEvent(time.ToUniversalTime(), "Request Time", message, line.Number, line.Text, fields);
    }
}
