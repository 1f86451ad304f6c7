using System.Globalization;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Utmp;

/// <summary>
/// Binary login records: <c>wtmp</c> (logins, logouts, boots) and <c>btmp</c> (failed logins), as 384-byte glibc
/// x86-64 <c>struct utmp</c> records. Positions are byte offsets. A record of unknown type or impossible time is
/// unparsed; a trailing partial record is unparsed with its length.
/// </summary>
/// <param name="name">The parser's name, <c>wtmp</c> or <c>btmp</c>; it also decides how events are described.</param>
internal sealed class UtmpParser(string name) : ILogParser
{
    /// <summary>The parser for wtmp (and utmp) files.</summary>
    public static UtmpParser Wtmp { get; } = new("wtmp");

    /// <summary>The parser for btmp files (failed logins).</summary>
    public static UtmpParser Btmp { get; } = new("btmp");

    private bool IsBtmp => name == "btmp";

    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public int Fits(LogSample sample)
    {
        var named = IsBtmp ? SampleText.NameIs(sample, "btmp") : SampleText.NameIs(sample, "wtmp", "utmp");
        var otherNamed = IsBtmp ? SampleText.NameIs(sample, "wtmp", "utmp") : SampleText.NameIs(sample, "btmp");
        if (otherNamed)
        {
            return FitScore.None;
        }
        var head = sample.Head.Span;
        var looksLike = head.Length >= UtmpRecord.Size && IsPlausible(UtmpRecord.Read(head[..UtmpRecord.Size]));
        return named ? FitScore.Of(true, looksLike) : looksLike && !IsBtmp ? FitScore.NameOnly : FitScore.None;
    }

    /// <inheritdoc />
    public void Parse(LogSource source, IEventSink sink, CancellationToken cancellationToken)
    {
        var buffer = new byte[UtmpRecord.Size];
        long offset = 0;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var filled = source.Content.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                if (filled == 0)
                {
                    return;
                }
                if (filled < buffer.Length)
                {
                    sink.Unparsed(offset, $"truncated utmp record: {filled} of {UtmpRecord.Size} bytes");
                    return;
                }
                Report(UtmpRecord.Read(buffer), offset, sink);
                offset += filled;
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            sink.Unparsed(offset, "content unreadable: " + ex.Message);
        }
    }

    private void Report(UtmpRecord record, long offset, IEventSink sink)
    {
        if (!IsPlausible(record))
        {
            sink.Unparsed(offset, $"utmp record of type {record.Type} at {record.Seconds}.{record.Microseconds}");
            return;
        }
        var time = HostTime.FromUnixSeconds(record.Seconds, record.Microseconds).Utc;
        var fields = new FieldSet()
            .Add("utmp_type", record.TypeName)
            .Add("user", record.User)
            .Add("tty", record.Line)
            .Add("terminal_id", record.Id)
            .Add("client_host", record.Host)
            .Add("client_ip", record.Address?.ToString())
            .Add("pid", record.Pid == 0 ? null : record.Pid)
            .Add("session", record.Session == 0 ? null : record.Session);
        if (record.Type == 8 && (record.Termination != 0 || record.Exit != 0))
        {
            fields.Add("exit_status", record.Exit).Add("termination_signal", record.Termination);
        }
        var (description, message) = Describe(record);
        sink.Event(new LogEvent(time, description, message, offset, Render(record), fields.Build(), PositionIsOffset: true));
    }

    private (string Description, string Message) Describe(UtmpRecord r)
    {
        var from = string.IsNullOrEmpty(r.Host) ? "" : " from " + r.Host;
        if (IsBtmp)
        {
            return ("Failed Login Time", $"failed login for {Show(r.User)} on {Show(r.Line)}{from}");
        }
        return r.Type switch
        {
            7 => ("Login Time", $"login {Show(r.User)} on {Show(r.Line)}{from}"),
            8 => ("Logout Time", $"logout on {Show(r.Line)}"),
            2 => ("Boot Time", $"system boot ({r.Host})"),
            1 => ("Runlevel Time", $"runlevel change: {r.User} ({r.Pid})"),
            _ => ("Record Time", $"{r.TypeName} {Show(r.User)} on {Show(r.Line)}{from}"),
        };
    }

    private static string Show(string value) => value.Length == 0 ? "?" : value;

    private static bool IsPlausible(UtmpRecord record) =>
        record.Type is >= 0 and <= 9 && record.Microseconds is >= 0 and < 1_000_000
        && record.Seconds > 0;

    private static string Render(UtmpRecord r) => string.Create(CultureInfo.InvariantCulture,
        $"type={r.TypeName} pid={r.Pid} line={r.Line} id={r.Id} user={r.User} host={r.Host} exit={r.Termination}/{r.Exit} session={r.Session} time={r.Seconds}.{r.Microseconds:D6} addr={r.Address}");
}
