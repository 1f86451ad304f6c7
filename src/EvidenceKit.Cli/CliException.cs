namespace EvidenceKit.Cli;

/// <summary>An error the user can act on: one line, shown without a stack trace, mapped to an exit code.</summary>
public sealed class CliException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The exit code to end with.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>Bad arguments, configuration, profile or key (exit 2).</summary>
    public static CliException BadInput(string message, Exception? inner = null) => new(ExitCodes.BadInput, message, inner);

    /// <summary>The run failed (exit 1).</summary>
    public static CliException Failed(string message, Exception? inner = null) => new(ExitCodes.Failed, message, inner);
}
