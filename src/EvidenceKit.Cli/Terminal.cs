namespace EvidenceKit.Cli;

/// <summary>
/// The process's two output channels, made safe once at the start of <c>Main</c>: <see cref="Console.Out"/> and
/// <see cref="Console.Error"/> become <see cref="TerminalWriter"/>s that escape control characters and redact the
/// command line's secrets, whoever writes to them.
/// </summary>
public static class Terminal
{
    private static TerminalWriter? _out;
    private static TerminalWriter? _error;

    /// <summary>The escaping stdout (installed on first use if <see cref="Install"/> was not called).</summary>
    public static TerminalWriter Out => _out ??= new TerminalWriter(Console.Out, [], !Console.IsOutputRedirected);

    /// <summary>The escaping stderr.</summary>
    public static TerminalWriter Error => _error ??= new TerminalWriter(Console.Error, [], !Console.IsErrorRedirected);

    /// <summary>Replaces <see cref="Console.Out"/> and <see cref="Console.Error"/> by escaping, redacting writers.</summary>
    public static void Install(IReadOnlyList<string> args)
    {
        var secrets = CommandLineRedaction.SecretValues(args);
        _out = new TerminalWriter(Console.Out, secrets, !Console.IsOutputRedirected);
        _error = new TerminalWriter(Console.Error, secrets, !Console.IsErrorRedirected);
        Console.SetOut(_out);
        Console.SetError(_error);
    }
}
