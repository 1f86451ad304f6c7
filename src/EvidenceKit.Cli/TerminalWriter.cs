using System.Text;

namespace EvidenceKit.Cli;

/// <summary>
/// A stdout or stderr that nothing hostile gets through: every piece of text written is escaped by
/// <see cref="TerminalText.EscapeKeepingNewlines"/> (no control character but the newline reaches the terminal) and
/// redacted by <see cref="CommandLineRedaction.RedactText"/> (no secret of the command line, no password in a URI).
/// <see cref="Console.Out"/> and <see cref="Console.Error"/> are these writers once <see cref="Terminal.Install"/> ran,
/// so every line printed by this program or a library it uses (System.CommandLine, Serilog) passes here. Spectre.Console
/// writes its own colour codes to <see cref="Unescaped"/> through <see cref="TerminalConsole"/>, which escapes the text.
/// </summary>
public sealed class TerminalWriter : TextWriter
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<string> _secrets;
    private char? _pendingHighSurrogate;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="secrets"/> are shown as "***" wherever they appear.</summary>
    public TerminalWriter(TextWriter inner, IReadOnlyList<string>? secrets = null, bool isTerminal = false)
        : base(inner.FormatProvider)
    {
        Unescaped = inner;
        IsTerminal = isTerminal;
        _secrets = secrets ?? [];
        CoreNewLine = ['\n'];
    }

    /// <summary>The writer underneath, for Spectre.Console's own escape codes only (see <see cref="TerminalConsole"/>).</summary>
    public TextWriter Unescaped { get; }

    /// <summary>Whether the writer underneath is a terminal (not redirected to a file or pipe).</summary>
    public bool IsTerminal { get; }

    /// <inheritdoc />
    public override Encoding Encoding => Unescaped.Encoding;

    /// <inheritdoc />
    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    /// <inheritdoc />
    public override void Write(string? value) => Write(value.AsSpan());

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_gate)
        {
            var text = new StringBuilder(buffer.Length + 1);
            if (_pendingHighSurrogate is { } high)
            {
                text.Append(high);
                _pendingHighSurrogate = null;
            }
            text.Append(buffer);
            if (text.Length > 0 && char.IsHighSurrogate(text[^1]))
            {
                // The low half may come with the next write.
                _pendingHighSurrogate = text[^1];
                text.Length--;
            }
            Emit(text.ToString());
        }
    }

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            Write(value);
            Write('\n');
        }
    }

    /// <inheritdoc />
    public override void Flush()
    {
        lock (_gate)
        {
            if (_pendingHighSurrogate is { } lone)
            {
                _pendingHighSurrogate = null;
                Emit(lone.ToString());
            }
            Unescaped.Flush();
        }
    }

    private void Emit(string text)
    {
        if (text.Length > 0)
        {
            Unescaped.Write(TerminalText.EscapeKeepingNewlines(CommandLineRedaction.RedactText(text, _secrets)));
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }
        base.Dispose(disposing);
    }
}
