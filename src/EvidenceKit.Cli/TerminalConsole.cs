using Spectre.Console;

namespace EvidenceKit.Cli;

/// <summary>
/// Spectre.Console over a <see cref="TerminalWriter"/>: Spectre writes its own colour and cursor codes to the writer
/// underneath, and every text segment it renders is escaped first (<see cref="EscapingAnsiConsole"/>), so a hostile
/// cell cannot carry a control sequence even if a caller forgot to escape it. Callers still build cells from
/// <see cref="Cell"/> / <see cref="Markup(string?)"/> so that columns are measured on the escaped text.
/// </summary>
public static class TerminalConsole
{
    private static IAnsiConsole? _stdout;

    /// <summary>The console on the process's stdout.</summary>
    public static IAnsiConsole Stdout => _stdout ??= Create(Terminal.Out);

    /// <summary>A console writing to <paramref name="output"/> (a <see cref="TerminalWriter"/> or, in tests, any writer).</summary>
    public static IAnsiConsole Create(TextWriter output)
    {
        var terminal = output as TerminalWriter;
        var writer = terminal?.Unescaped ?? output;
        var isTerminal = terminal?.IsTerminal ?? false;
        var inner = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new Output(writer, isTerminal),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        return new EscapingAnsiConsole(inner);
    }

    /// <summary>Plain text for a table cell, escaped.</summary>
    public static Text Cell(string? text) => new(TerminalText.Escape(text));

    /// <summary>Markup text for a cell or line: the text escaped for the terminal, then for Spectre's markup.</summary>
    public static string Markup(string? text) => Spectre.Console.Markup.Escape(TerminalText.Escape(text));

    private sealed class Output(TextWriter writer, bool isTerminal) : IAnsiConsoleOutput
    {
        private const int DefaultWidth = 80;
        private const int DefaultHeight = 24;

        public TextWriter Writer => writer;

        public bool IsTerminal => isTerminal;

        public int Width => isTerminal ? Measure(() => Console.WindowWidth, DefaultWidth) : DefaultWidth;

        public int Height => isTerminal ? Measure(() => Console.WindowHeight, DefaultHeight) : DefaultHeight;

        public void SetEncoding(System.Text.Encoding encoding)
        {
            // The writer's encoding is the process's; nothing to change.
        }

        private static int Measure(Func<int> size, int fallback)
        {
            try
            {
                return size() is > 0 and var value ? value : fallback;
            }
            catch (IOException)
            {
                return fallback;
            }
        }
    }
}
