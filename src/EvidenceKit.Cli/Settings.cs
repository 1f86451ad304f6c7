namespace EvidenceKit.Cli;

/// <summary>The parsers options share; each names the option in its error, so "--until" errors say "--until".</summary>
public static class Settings
{
    /// <summary>An option taking any text.</summary>
    public static Setting<string> Text(string name, string description, params string[] aliases) =>
        new(name, description, text => text, aliases);

    /// <summary>An option that may be given more than once (or as a comma-separated list).</summary>
    public static Setting<string[]> List(string name, string description, params string[] aliases) =>
        new(name, description, text => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), aliases);

    /// <summary>One of <paramref name="choices"/>, compared without case; the value is the choice as declared.</summary>
    public static Setting<string> Choice(string name, string description, params string[] choices) =>
        new(name, description, text => choices.FirstOrDefault(c => c.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw CliException.BadInput($"{name} must be {Words(choices)}, not '{text}'."));

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Setting<int?> Number(string name, string description, int min, int max) =>
        new(name, description, text => int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw CliException.BadInput($"{name} must be a number from {min} to {max}, not '{text}'."));

    /// <summary>"a", "a or b", "a, b or c".</summary>
    public static string Words(IReadOnlyList<string> choices) => choices.Count switch
    {
        0 => "",
        1 => $"'{choices[0]}'",
        _ => string.Join(", ", choices.Take(choices.Count - 1).Select(c => $"'{c}'")) + $" or '{choices[^1]}'",
    };
}
