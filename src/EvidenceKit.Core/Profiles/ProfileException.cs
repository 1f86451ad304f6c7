namespace EvidenceKit.Core.Profiles;

/// <summary>A profile is wrong. The message names the file, the line and the key, and says what to change.</summary>
public sealed class ProfileException : Exception
{
    /// <summary>Creates the error.</summary>
    public ProfileException(string file, int? line, string? key, string problem)
        : base(Format(file, line, key, problem))
    {
        File = file;
        Line = line;
        Key = key;
        Problem = problem;
    }

    /// <summary>The profile file (path or embedded name).</summary>
    public string File { get; }

    /// <summary>1-based line, when known.</summary>
    public int? Line { get; }

    /// <summary>The offending key, when there is one.</summary>
    public string? Key { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Format(string file, int? line, string? key, string problem)
    {
        var where = line is null ? file : $"{file}:{line}";
        return key is null ? $"{where}: {problem}" : $"{where}: '{key}': {problem}";
    }
}
