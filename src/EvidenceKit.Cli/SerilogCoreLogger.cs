using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace EvidenceKit.Cli;

/// <summary>
/// Core logs through Microsoft.Extensions.Logging's <see cref="ILogger"/>; the executables write with Serilog. This
/// hands each Core event to Serilog with its message template and named values, so the terminal, the JSON output and
/// the bundle's collection.log see the same structured event as before.
/// </summary>
/// <param name="serilog">The executable's logger.</param>
public sealed class SerilogCoreLogger(Serilog.ILogger serilog) : ILogger
{
    private const string TemplateKey = "{OriginalFormat}";

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && serilog.IsEnabled(Level(logLevel));

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }
        string? template = null;
        var values = new List<object?>();
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                if (key == TemplateKey)
                {
                    template = value as string;
                }
                else
                {
                    values.Add(value);
                }
            }
        }
        if (template is null)
        {
            serilog.Write(Level(logLevel), exception, "{Message}", formatter(state, exception));
            return;
        }
        serilog.Write(Level(logLevel), exception, template, values.ToArray());
    }

    private static LogEventLevel Level(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };
}
