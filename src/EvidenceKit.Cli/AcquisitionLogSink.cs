using EvidenceKit.Core.Abstractions;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace EvidenceKit.Cli;

/// <summary>
/// Serilog sink that writes custody/collection.log inside the bundle (one compact JSON event a line). Events from
/// before the bundle exists are held in memory (bounded) and written first when the stream is attached.
/// </summary>
public sealed class AcquisitionLogSink : ILogEventSink, IAcquisitionLog, IDisposable
{
    private const int MaxBuffered = 10_000;
    private readonly CompactJsonFormatter _formatter = new();
    private readonly Queue<LogEvent> _buffer = new();
    private readonly Lock _gate = new();
    private StreamWriter? _writer;
    private bool _closed;

    /// <inheritdoc />
    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }
            if (_writer is null)
            {
                if (_buffer.Count < MaxBuffered)
                {
                    _buffer.Enqueue(logEvent);
                }
                return;
            }
            try
            {
                Write(logEvent, _writer);
                _writer.Flush();
            }
            catch (IOException)
            {
                // The target's connection dropped: keep the event until the log is attached again.
                _writer = null;
                _buffer.Enqueue(logEvent);
            }
        }
    }

    /// <inheritdoc />
    public void Attach(Stream stream)
    {
        lock (_gate)
        {
            try
            {
                _writer?.Dispose();
            }
            catch (IOException)
            {
                // A writer of a lost connection.
            }
            _writer = new StreamWriter(stream, EvidenceKit.Core.Bundles.BagItText.Utf8) { NewLine = "\n" };
            while (_buffer.TryDequeue(out var e))
            {
                Write(e, _writer);
            }
            _writer.Flush();
        }
    }

    /// <inheritdoc />
    public void Detach()
    {
        lock (_gate)
        {
            _writer?.Dispose();
            _writer = null;
            _closed = true;
        }
    }

    /// <inheritdoc />
    public void Dispose() => Detach();

    /// <summary>One event as one JSON line with the true text, except a password inside a URI (never recorded).</summary>
    private void Write(LogEvent logEvent, StreamWriter writer)
    {
        using var line = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        _formatter.Format(logEvent, line);
        writer.Write(CommandLineRedaction.RedactUris(line.ToString()));
    }
}
