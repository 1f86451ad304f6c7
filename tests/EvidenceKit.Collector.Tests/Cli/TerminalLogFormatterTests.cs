using EvidenceKit.Cli;
using Serilog.Events;
using Serilog.Parsing;

namespace EvidenceKit.Collector.Tests.Cli;

/// <summary>Console log lines: one line each, whatever the properties hold.</summary>
public sealed class TerminalLogFormatterTests
{
    private static LogEvent Event(string template, params (string Name, object Value)[] properties) => new(
        DateTimeOffset.UnixEpoch, LogEventLevel.Warning, null, new MessageTemplateParser().Parse(template),
        properties.Select(p => new LogEventProperty(p.Name, new ScalarValue(p.Value))));

    [Fact]
    public void A_hostile_property_is_rendered_literally_escaped_and_on_one_line()
    {
        var output = new StringWriter();

        new TerminalLogFormatter().Format(Event("{Warning}", ("Warning", "include /etc/\u001b[2K\nWARN: fake\u0007")), output);

        output.ToString().Should().Be("WARN: include /etc/\\x1b[2K\\nWARN: fake\\x07\n");
    }

    [Fact]
    public void A_hostile_template_text_is_escaped_too()
    {
        var output = new StringWriter();

        new TerminalLogFormatter().Format(Event("raw \u001b]0;t\u0007 {N} files", ("N", 3)), output);

        output.ToString().Should().Be("WARN: raw \\x1b]0;t\\x07 3 files\n");
    }
}
