using System.CommandLine;

namespace EvidenceKit.Cli;

/// <summary>
/// The one top-level catch of an executable: documented exit codes, one readable line, stack traces only with
/// --verbose. Output goes through the escaping, redacting <see cref="Terminal"/> writers; error messages are escaped
/// to one line and usage errors never repeat a value the user typed (<see cref="UsageErrors"/>).
/// </summary>
public static class TopLevel
{
    /// <summary>
    /// The process entry point: installs the escaping, redacting <see cref="Terminal"/> writers, then
    /// <see cref="Invoke"/>s <paramref name="root"/> with them.
    /// </summary>
    public static int Run(Executable executable, Func<TextWriter, TextWriter, RootCommand> root, string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        Terminal.Install(args);
        return Invoke(executable, root(Terminal.Out, Terminal.Error), args, Terminal.Out, Terminal.Error);
    }

    /// <summary>
    /// Parses and invokes <paramref name="root"/>, writing only to <paramref name="stdout"/> and <paramref name="stderr"/>
    /// (so tests run a whole command in-process); usage errors exit 2 instead of System.CommandLine's 1.
    /// </summary>
    public static int Invoke(Executable executable, RootCommand root, string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(executable);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);
        var verbose = args.Contains("--verbose") || args.Contains("-v");
        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var line in UsageErrors(parse, args))
                {
                    stderr.WriteLine($"{executable.Name}: {line}");
                }
                stderr.WriteLine($"Try '{executable.Name} --help'.");
                return ExitCodes.BadInput;
            }
            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = TimeSpan.FromSeconds(60),
            });
        }
        catch (CliException e)
        {
            stderr.WriteLine($"{executable.Name}: {TerminalText.Escape(e.Message)}");
            if (verbose && e.InnerException is not null)
            {
                stderr.WriteLine(e.InnerException);
            }
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("Interrupted.");
            return ExitCodes.Interrupted;
        }
#pragma warning disable CA1031 // The one top-level catch: never a crash, never exit 0 on an error.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"{executable.Name}: unexpected error: {TerminalText.Escape(e.Message)}");
            stderr.WriteLine(verbose ? e.ToString() : "Run again with --verbose for details.");
            return executable.UnexpectedError;
        }
    }

    /// <summary>
    /// The parse errors of <paramref name="parse"/> as one escaped line each, with every value the user typed that is
    /// not a command or option name shown as '***' (a mistyped <c>--passphrase X</c> must not print X).
    /// </summary>
    public static IEnumerable<string> UsageErrors(ParseResult parse, IReadOnlyList<string> args)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        AddNames(parse.RootCommandResult.Command, names);
        return parse.Errors.Select(e => TerminalText.Escape(CommandLineRedaction.RedactParseError(e.Message, args, names)));
    }

    private static void AddNames(Command command, HashSet<string> names)
    {
        names.Add(command.Name);
        names.UnionWith(command.Aliases);
        foreach (var option in command.Options)
        {
            names.Add(option.Name);
            names.UnionWith(option.Aliases);
        }
        foreach (var sub in command.Subcommands)
        {
            AddNames(sub, names);
        }
    }

    /// <summary>The values of the options the user actually typed, keyed by option name without dashes (the layered settings' top layer).</summary>
    public static IReadOnlyDictionary<string, string?> Explicit(ParseResult parse, IEnumerable<Option> options)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            if (parse.GetResult(option) is not { Implicit: false } result)
            {
                continue;
            }
            var key = option.Name.TrimStart('-');
            values[key] = result.Tokens.Count == 0 ? "true" : string.Join(',', result.Tokens.Select(t => t.Value));
        }
        return values;
    }
}
