using System.Text.Json;
using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Docker;

/// <summary>
/// Docker's <c>json-file</c> logging driver (<c>/var/lib/docker/containers/ID/ID-json.log</c>): one JSON object
/// per line, <c>{"log":"...\n","stream":"stdout","time":"2026-12-01T10:00:00.123456789Z"}</c>; the time is
/// RFC 3339 with nanoseconds (kept to 100 ns). The container id comes from the file's path.
/// </summary>
internal sealed partial class DockerJsonParser : SingleLineParser
{
    /// <inheritdoc />
    public override string Name => "docker-json";

    /// <inheritdoc />
    protected override int MaxLineBytes => 256 * 1024;

    /// <inheritdoc />
    public override int Fits(LogSample sample)
    {
        var first = SampleText.FirstLine(sample);
        var content = first.StartsWith("{\"log\":", StringComparison.Ordinal) && first.Contains("\"time\":", StringComparison.Ordinal);
        return FitScore.Of(sample.FileName.EndsWith("-json.log", StringComparison.OrdinalIgnoreCase), content);
    }

    /// <inheritdoc />
    protected override LogEvent? ParseLine(LogLine line, LogSource source)
    {
        using var document = JsonDocument.Parse(line.Text, JsonText.Options);
        var root = document.RootElement;
        var log = root.ValueKind == JsonValueKind.Object ? JsonText.At(root, "log") : null;
        if (log is null || !JsonText.TryParseInstant(JsonText.At(root, "time"), out var time))
        {
            return null;
        }
        var message = log.TrimEnd('\n', '\r');
        return new LogEvent(time.ToUniversalTime(), "Log Time", message, line.Number, line.Text, new FieldSet()
            .Add("stream", JsonText.At(root, "stream"))
            .Add("message", message)
            .Add("container_id", ContainerId(source.Sample.SourcePath))
            .Build());
    }

    private static string? ContainerId(string sourcePath) =>
        ContainerPath().Match(sourcePath) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"/containers/([0-9a-f]{12,64})/")]
    private static partial Regex ContainerPath();
}
