using System.Text;
using EvidenceKit.Cli;
using Serilog.Events;
using Serilog.Parsing;

namespace EvidenceKit.Collector.Tests.Cli;

/// <summary>The bundle's collection.log: the true text of every event, except a password inside a URI.</summary>
public sealed class AcquisitionLogSinkTests
{
    [Fact]
    public void The_log_keeps_control_characters_as_json_escapes_and_never_holds_a_uri_password()
    {
        using var stream = new MemoryStream();
        using var sink = new AcquisitionLogSink();
        var template = new MessageTemplateParser().Parse("{Target} {Name}");
        sink.Emit(new LogEvent(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, template,
            [new LogEventProperty("Target", new ScalarValue("sftp://dana:Hunter2pw@host/evidence")), new LogEventProperty("Name", new ScalarValue("a\u001b[2K.log"))]));

        sink.Attach(stream);
        var text = Encoding.UTF8.GetString(stream.ToArray());

        text.Should().NotContain("Hunter2pw").And.Contain("sftp://dana:***@host/evidence");
        text.Should().Contain("a\\u001B[2K.log", "the true name stays, escaped as JSON");
    }
}
