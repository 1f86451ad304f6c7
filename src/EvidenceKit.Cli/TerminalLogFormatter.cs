using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace EvidenceKit.Cli;

/// <summary>
/// The console's log line, "WARN: message": the message rendered as <c>{Message:lj}</c> and then escaped as one line,
/// so a property value (a path, a link target, a config value) cannot break the line or control the terminal. The
/// bundle's collection.log keeps the true text.
/// </summary>
public sealed class TerminalLogFormatter : ITextFormatter
{
    private readonly MessageTemplateTextFormatter _message = new("{Message:lj}");

    /// <inheritdoc />
    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var message = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        _message.Format(logEvent, message);
        output.Write(Level(logEvent.Level) + ": " + TerminalText.Escape(message.ToString()) + "\n");
    }

    private static string Level(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "VERB",
        LogEventLevel.Debug => "DBUG",
        LogEventLevel.Information => "INFO",
        LogEventLevel.Warning => "WARN",
        LogEventLevel.Error => "EROR",
        _ => "FATL",
    };
}
