using System.Globalization;
using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Shell;

/// <summary>
/// Reads a shell history with times: bash writes <c>#1764583200</c> before each entry when <c>HISTTIMEFORMAT</c>
/// is set; zsh's extended history writes <c>: 1764583200:0;command</c>. The line right after a bash time line is
/// an event at that exact time; further lines before the next time line (a multi-line command, or entries a shell
/// without <c>HISTTIMEFORMAT</c> appended) are events at the same time with a note saying the time was taken from
/// the time line above. Lines before the first time line carry no time at all and are unparsed.
/// </summary>
internal sealed partial class ShellHistorySession(LogSource source, IEventSink sink) : LineSession
{
    private readonly string? _user = UserOf(source.Sample.SourcePath);
    private DateTimeOffset? _stamp;
    private long _stampLine;
    private bool _stampUsed;

    /// <inheritdoc />
    public override void Line(LogLine line)
    {
        var text = line.Text;
        var bash = BashStamp().Match(text);
        if (bash.Success)
        {
            _stamp = DateTimeOffset.FromUnixTimeSeconds(long.Parse(bash.Groups[1].Value, CultureInfo.InvariantCulture));
            _stampLine = line.Number;
            _stampUsed = false;
            return;
        }
        var zsh = ZshEntry().Match(text);
        if (zsh.Success)
        {
            _stamp = DateTimeOffset.FromUnixTimeSeconds(long.Parse(zsh.Groups[1].Value, CultureInfo.InvariantCulture));
            _stampLine = line.Number;
            _stampUsed = true;
            Emit(line, zsh.Groups[3].Value, "zsh", null, zsh.Groups[2].Value);
            return;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        if (_stamp is null)
        {
            sink.Unparsed(line.Number, text);
            return;
        }
        var note = _stampUsed ? $"no time of its own; time of the timestamp line {_stampLine} above" : null;
        _stampUsed = true;
        Emit(line, text, "bash", note, null);
    }

    private void Emit(LogLine line, string command, string shell, string? note, string? duration)
    {
        var fields = new FieldSet().Add("command", command).Add("user", _user).Add("shell", shell).Add("duration_s", duration).Build();
        var who = _user is null ? "" : _user + ": ";
        sink.Event(new LogEvent(_stamp!.Value, "Command Time", who + command, line.Number, line.Text, fields, TimeNote: note));
    }

    private static string? UserOf(string path)
    {
        if (path.StartsWith("/root/", StringComparison.Ordinal))
        {
            return "root";
        }
        var home = HomeDirectory().Match(path);
        return home.Success ? home.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^#(\d{9,11})\s*$")]
    private static partial Regex BashStamp();

    [GeneratedRegex(@"^: (\d{9,11}):(\d{1,9});(.*)$")]
    private static partial Regex ZshEntry();

    [GeneratedRegex(@"^/home/([^/]{1,64})/")]
    private static partial Regex HomeDirectory();
}
