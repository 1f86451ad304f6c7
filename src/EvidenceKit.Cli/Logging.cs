using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace EvidenceKit.Cli;

/// <summary>Serilog set up once at the edge: human lines on stderr (none under --json or --quiet), and the bundle's log.</summary>
public static class Logging
{
    /// <summary>Creates the logger.</summary>
    public static Logger Create(bool verbose, bool quiet, bool json, ILogEventSink? bundleLog)
    {
        var config = new LoggerConfiguration().MinimumLevel.Debug();
        if (!json && !quiet)
        {
            config = config.WriteTo.Console(
                restrictedToMinimumLevel: verbose ? LogEventLevel.Debug : LogEventLevel.Warning,
                outputTemplate: "{Level:u4}: {Message:lj}{NewLine}",
                standardErrorFromLevel: LogEventLevel.Verbose);
        }
        if (bundleLog is not null)
        {
            config = config.WriteTo.Sink(bundleLog, LogEventLevel.Debug);
        }
        return config.CreateLogger();
    }
}
