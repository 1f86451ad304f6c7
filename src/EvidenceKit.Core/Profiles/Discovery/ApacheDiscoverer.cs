using EvidenceKit.Core.Abstractions;
using System.Text;
using System.Text.RegularExpressions;

namespace EvidenceKit.Core.Profiles.Discovery;

/// <summary>
/// Finds Apache httpd's log files (<c>CustomLog</c>, <c>TransferLog</c>, <c>GlobalLog</c>, <c>ErrorLog</c>,
/// <c>ForensicLog</c>, <c>ScriptLog</c>, <c>RewriteLog</c>, ModSecurity's <c>SecAuditLog</c>) by reading
/// apache2.conf or httpd.conf and everything they include. Relative paths are taken against <c>ServerRoot</c>;
/// <c>${VAR}</c> comes from <c>Define</c> and from Debian's envvars file. Piped logs are not followed (a warning
/// says so), except that the file written by rotatelogs is recorded.
/// </summary>
internal sealed partial class ApacheDiscoverer : ILogDiscoverer
{
    private static readonly HashSet<string> LogDirectives = new(StringComparer.OrdinalIgnoreCase)
    {
        "CustomLog", "TransferLog", "GlobalLog", "ErrorLog", "ForensicLog", "ScriptLog", "RewriteLog", "SecAuditLog", "SecDebugLog",
    };

    /// <summary>The longest value a variable or an expanded argument may have (Linux's PATH_MAX).</summary>
    internal const int MaxValueLength = 4096;

    public string Kind => "apache";

    public DiscoveryResult Discover(ISourceFiles source)
    {
        var tree = new ConfigTree(source);
        Start(tree, "/etc/apache2/apache2.conf", "/etc/apache2", "/etc/apache2/envvars");
        Start(tree, "/etc/httpd/conf/httpd.conf", "/etc/httpd", null);
        Start(tree, "/usr/local/apache2/conf/httpd.conf", "/usr/local/apache2", null);
        return tree.Result();
    }

    private static void Start(ConfigTree tree, string conf, string serverRoot, string? envvars)
    {
        if (tree.Read(conf, null, 0, warnIfMissing: false) is not { } text)
        {
            return;
        }

        var state = new State { ServerRoot = serverRoot };
        if (envvars is not null && tree.Read(envvars, null, 0, warnIfMissing: false) is { } env)
        {
            foreach (Match match in Export().Matches(env.Text))
            {
                state.Variables[match.Groups["name"].Value] = ShellValue(match.Groups["value"].Value, state.Variables);
            }
        }

        ReadFile(tree, text, state);
    }

    private static void ReadFile(ConfigTree tree, ConfigText file, State state)
    {
        using var entered = tree.Enter(file.HostPath);
        foreach (var (words, line) in Directives(file.Text))
        {
            var name = words[0];
            if (words.Count < 2 || name.StartsWith('<'))
            {
                continue;
            }

            var argument = Expand(words[1], state.Variables, out var problem);
            if (argument is null)
            {
                tree.Warn($"{file.HostPath}:{line}: {name} {Shorten(words[1])} {problem}; ignored");
                continue;
            }

            if (name.Equals("ServerRoot", StringComparison.OrdinalIgnoreCase))
            {
                state.ServerRoot = argument.TrimEnd('/');
            }
            else if (name.Equals("Define", StringComparison.OrdinalIgnoreCase))
            {
                var value = words.Count > 2 ? Expand(words[2], state.Variables, out problem) : string.Empty;
                if (value is null)
                {
                    tree.Warn($"{file.HostPath}:{line}: Define {Shorten(argument)} {Shorten(words[2])} {problem}; {Shorten(argument)} is left empty");
                }

                state.Variables[argument] = value ?? string.Empty;
            }
            else if (name.Equals("Include", StringComparison.OrdinalIgnoreCase) || name.Equals("IncludeOptional", StringComparison.OrdinalIgnoreCase))
            {
                var optional = name.Length > "Include".Length;
                Include(tree, file.HostPath, line, ConfigTree.Join(state.ServerRoot, argument), optional, state);
            }
            else if (name.Equals("SecAuditLogStorageDir", StringComparison.OrdinalIgnoreCase))
            {
                tree.AddLog(ConfigTree.Join(state.ServerRoot, argument).TrimEnd('/') + "/**", file.HostPath, line);
            }
            else if (LogDirectives.Contains(name))
            {
                LogTarget(tree, file.HostPath, line, name, argument, state);
            }
        }
    }

    private static void LogTarget(ConfigTree tree, string file, int line, string directive, string argument, State state)
    {
        if (argument.StartsWith('|'))
        {
            var rotated = RotatelogsFile(argument);
            if (rotated is null)
            {
                tree.Warn($"{file}:{line}: {directive} pipes to a program ({argument.TrimStart('|').Trim()}); where it writes is not known and is not collected");
                return;
            }

            tree.AddLog(ConfigTree.Join(state.ServerRoot, rotated) + "*", file, line);
            return;
        }

        if (argument.StartsWith("syslog", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        tree.AddLog(ConfigTree.Join(state.ServerRoot, argument), file, line);
    }

    /// <summary>The log file of a "|rotatelogs [options] file ..." pipe; null for any other program.</summary>
    internal static string? RotatelogsFile(string pipe)
    {
        var words = pipe.TrimStart('|').Trim().TrimStart('$').Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var index = Array.FindIndex(words, w => w.EndsWith("rotatelogs", StringComparison.Ordinal));
        if (index < 0)
        {
            return null;
        }

        for (var i = index + 1; i < words.Length; i++)
        {
            if (words[i] is "-L" or "-p" or "-n")
            {
                i++;
            }
            else if (!words[i].StartsWith('-'))
            {
                return words[i];
            }
        }

        return null;
    }

    private static readonly IncludeStyle IncludeRules = new("Include", WarnWhenWildcardMatchesNothing: true, IncludedDirectory.FilesUnder);

    private static void Include(ConfigTree tree, string from, int line, string pattern, bool optional, State state)
    {
        foreach (var included in tree.Include(from, line, pattern, optional, IncludeRules))
        {
            ReadFile(tree, included, state);
        }
    }

    /// <summary>
    /// Replaces ${VAR}; null (with the problem) when a variable is not defined or the result would be longer than
    /// <see cref="MaxValueLength"/> ("Define X ${X}${X}" repeated would otherwise double it on every line).
    /// </summary>
    private static string? Expand(string text, Dictionary<string, string> variables, out string? problem)
    {
        var undefined = false;
        var length = text.Length;
        var expanded = ApacheVariable().Replace(text, m =>
        {
            if (length > MaxValueLength)
            {
                return string.Empty;
            }

            if (variables.TryGetValue(m.Groups[1].Value, out var value))
            {
                length += value.Length;
                return length > MaxValueLength ? string.Empty : value;
            }

            undefined = true;
            return m.Value;
        });
        problem = undefined ? "uses a variable that is not defined"
            : length > MaxValueLength ? $"is longer than {MaxValueLength} characters once expanded" : null;
        return problem is null ? expanded : null;
    }

    private static string Shorten(string word) => word.Length > 200 ? word[..200] + "..." : word;

    /// <summary>The value of a shell assignment: quotes removed, $VAR and ${VAR} replaced (unknown ones by nothing, as sh does).</summary>
    private static string ShellValue(string raw, Dictionary<string, string> variables)
    {
        var value = raw.Trim();
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
        {
            value = value[1..^1];
        }
        else
        {
            var comment = value.IndexOf(" #", StringComparison.Ordinal);
            value = comment >= 0 ? value[..comment].TrimEnd() : value;
        }

        var length = value.Length;
        var expanded = ShellVariable().Replace(value, m =>
        {
            var replacement = variables.GetValueOrDefault(m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Value, string.Empty);
            length += replacement.Length;
            return length > MaxValueLength ? string.Empty : replacement;
        });
        return length > MaxValueLength ? string.Empty : expanded;
    }

    /// <summary>Directives with their words and 1-based line; continuation lines ending in '\' are joined.</summary>
    internal static IEnumerable<(List<string> Words, int Line)> Directives(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var startLine = i + 1;
            var logical = new StringBuilder(lines[i].TrimEnd('\r'));
            while (logical.Length > 0 && logical[^1] == '\\' && i + 1 < lines.Length)
            {
                logical.Length--;
                logical.Append(' ').Append(lines[++i].TrimEnd('\r'));
            }

            var content = logical.ToString().Trim();
            if (content.Length == 0 || content.StartsWith('#'))
            {
                continue;
            }

            var words = Words(content);
            if (words.Count > 0)
            {
                yield return (words, startLine);
            }
        }
    }

    private static List<string> Words(string content)
    {
        var words = new List<string>();
        var i = 0;
        while (i < content.Length)
        {
            if (char.IsWhiteSpace(content[i]))
            {
                i++;
                continue;
            }

            var word = new StringBuilder();
            if (content[i] is '"' or '\'')
            {
                var quote = content[i++];
                while (i < content.Length && content[i] != quote)
                {
                    if (content[i] == '\\' && i + 1 < content.Length && content[i + 1] == quote)
                    {
                        i++;
                    }

                    word.Append(content[i++]);
                }

                i++;
            }
            else
            {
                while (i < content.Length && !char.IsWhiteSpace(content[i]))
                {
                    word.Append(content[i++]);
                }
            }

            words.Add(word.ToString());
        }

        return words;
    }

    [GeneratedRegex(@"^[ \t]*export[ \t]+(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>[^\n]*?)[ \t\r]*$", RegexOptions.NonBacktracking | RegexOptions.Multiline)]
    private static partial Regex Export();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_.]*)\}", RegexOptions.NonBacktracking)]
    private static partial Regex ApacheVariable();

    [GeneratedRegex(@"\$(?:\{(?<a>[A-Za-z_][A-Za-z0-9_]*)\}|(?<b>[A-Za-z_][A-Za-z0-9_]*))", RegexOptions.NonBacktracking)]
    private static partial Regex ShellVariable();

    private sealed class State
    {
        public required string ServerRoot { get; set; }

        public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);
    }
}
