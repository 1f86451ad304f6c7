using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace EvidenceKit.Cli;

/// <summary>
/// Serilog set up once at the edge: human lines on stderr (none under --json or --quiet), escaped by
/// <see cref="TerminalLogFormatter"/>, and the bundle's log with the true text.
/// </summary>
public static class Logging
{
    /// <summary>Creates the logger.</summary>
    public static Logger Create(bool verbose, bool quiet, bool json, ILogEventSink? bundleLog)
    {
        var config = new LoggerConfiguration().MinimumLevel.Debug();
        if (!json && !quiet)
        {
            config = config.WriteTo.Console(new TerminalLogFormatter(),
                restrictedToMinimumLevel: verbose ? LogEventLevel.Debug : LogEventLevel.Warning,
                standardErrorFromLevel: LogEventLevel.Verbose);
        }
        if (bundleLog is not null)
        {
            config = config.WriteTo.Sink(bundleLog, LogEventLevel.Debug);
        }
        return config.CreateLogger();
    }
}
