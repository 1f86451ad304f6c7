using System.CommandLine;

namespace EvidenceKit.Cli;

/// <summary>
/// One option of a command, declared once: its name, type, help and parser. The same parser reads the option on the
/// command line (a usage error names the option) and the same setting from a configuration file or an EVIDENCEKIT_*
/// variable through <see cref="LayeredSettings"/> (a <see cref="CliException"/> naming the option). A settings class
/// declares its options as static fields of this type; see ARCHITECTURE.md, "Add a command-line option".
/// </summary>
/// <typeparam name="T">What the option's value is once parsed.</typeparam>
public sealed class Setting<T>
{
    private readonly Func<string, T> _parse;

    /// <summary>Declares an option taking a value parsed by <paramref name="parse"/>, which throws <see cref="CliException"/> for bad text.</summary>
    public Setting(string name, string description, Func<string, T> parse, params string[] aliases)
    {
        _parse = parse;
        Option = new Option<T>(name, aliases)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = string.Join(',', result.Tokens.Select(t => t.Value));
                try
                {
                    return parse(text);
                }
                catch (CliException e)
                {
                    result.AddError(e.Message);
                    return default!;
                }
            },
        };
    }

    private Setting(Option<T> option, Func<string, T> parse)
    {
        Option = option;
        _parse = parse;
    }

    /// <summary>The System.CommandLine option (for the command's option list and help).</summary>
    public Option<T> Option { get; }

    /// <summary>The option's name, e.g. <c>--max-file-size</c>.</summary>
    public string Name => Option.Name;

    /// <summary>The key in configuration files and environment variables: the name without dashes.</summary>
    public string Key => Option.Name.TrimStart('-');

    /// <summary>The value from the layered settings (command line, environment, files, defaults), or default when unset.</summary>
    public T? Read(LayeredSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Get(Key) is { } text ? _parse(text) : default;
    }

    /// <summary>The value the command line gave, or default.</summary>
    public T? Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(Option);
    }

    /// <summary>A flag: present means true; in a file or variable "true", "1" or "yes".</summary>
    public static Setting<bool> Flag(string name, string description, params string[] aliases) =>
        new(new Option<bool>(name, aliases) { Description = description }, text =>
            text.Equals("true", StringComparison.OrdinalIgnoreCase) || text is "1" || text.Equals("yes", StringComparison.OrdinalIgnoreCase));
}
