using EvidenceKit.Core.Abstractions;
using System.Text;
using System.Text.RegularExpressions;

namespace EvidenceKit.Core.Profiles.Discovery;

/// <summary>
/// Finds the files rsyslog writes, from /etc/rsyslog.conf, /etc/rsyslog.d/*.conf and whatever they include:
/// legacy actions ("auth,authpriv.*  -/var/log/auth.log", property filters, "&amp;" chains, "if ... then /file"),
/// RainerScript <c>action(type="omfile" file="...")</c>, and dynamic files (<c>?Template</c>, <c>dynaFile=</c>)
/// whose template's "%property%" parts become '*'. Follows <c>$IncludeConfig</c> and <c>include(file="...")</c>.
/// </summary>
internal sealed partial class RsyslogDiscoverer : ILogDiscoverer
{
    public string Kind => "rsyslog";

    public DiscoveryResult Discover(ISourceFiles source)
    {
        var tree = new ConfigTree(source);
        var state = new State();
        if (tree.Read("/etc/rsyslog.conf", null, 0, warnIfMissing: false) is { } main)
        {
            ReadFile(tree, main, state);
        }

        foreach (var path in tree.Glob("/etc/rsyslog.d/*.conf"))
        {
            if (tree.Read(path, null, 0, warnIfMissing: false) is { } file)
            {
                ReadFile(tree, file, state);
            }
        }

        foreach (var (template, file, line) in state.DynamicFiles)
        {
            if (!state.Templates.TryGetValue(template, out var text))
            {
                tree.Warn($"{file}:{line}: dynamic file template '{template}' is not defined; ignored");
                continue;
            }

            var glob = TemplateProperty().Replace(text, "*");
            if (glob.StartsWith('/'))
            {
                tree.AddLog(glob, file, line);
            }
        }

        return tree.Result();
    }

    private static void ReadFile(ConfigTree tree, ConfigText file, State state)
    {
        using var _ = tree.Enter(file.HostPath);
        var text = new StringBuilder(WithoutComments(file.Text));

        // Statements are gathered first and then run in file order, so that includes and templates take
        // effect where they stand. RainerScript objects are blanked so that the legacy pass does not see them.
        // Each character is looked at a bounded number of times, so a hostile file cannot make this quadratic: a
        // match inside an object already taken (or after an unclosed one) is part of that object, and lines are
        // counted from the previous match on.
        var steps = new List<(int Position, Action Run)>();
        var original = text.ToString();
        var taken = 0;
        var counted = 0;
        var currentLine = 1;
        foreach (Match match in ScriptObject().Matches(original))
        {
            if (taken >= original.Length)
            {
                break;
            }

            if (match.Index < taken)
            {
                continue;
            }

            var end = ClosingParenthesis(text, match.Index + match.Length);
            taken = end + 1;
            var body = text.ToString(match.Index + match.Length, end - match.Index - match.Length);
            currentLine += original.AsSpan(counted, match.Index - counted).Count('\n');
            counted = match.Index;
            var line = currentLine;
            var kind = match.Groups["name"].Value.ToLowerInvariant();
            var parameters = Parameters(body);
            steps.Add((match.Index, () => ScriptObject(tree, file.HostPath, line, kind, parameters, state)));
            for (var i = match.Index; i < Math.Min(end + 1, text.Length); i++)
            {
                if (text[i] != '\n')
                {
                    text[i] = ' ';
                }
            }
        }

        var position = 0;
        var lines = text.ToString().Split('\n');
        for (var i = 0; i < lines.Length; position += lines[i].Length + 1, i++)
        {
            var line = lines[i].Trim();
            var number = i + 1;
            if (line.Length == 0)
            {
                continue;
            }

            if (IncludeConfig().Match(line) is { Success: true } include)
            {
                steps.Add((position, () => Include(tree, file.HostPath, number, include.Groups[1].Value, optional: false, state)));
            }
            else if (LegacyTemplate().Match(line) is { Success: true } template)
            {
                steps.Add((position, () => state.Templates[template.Groups["name"].Value] = template.Groups["value"].Value));
            }
            else if (Action(line) is { } action)
            {
                steps.Add((position, () => LegacyAction(tree, action, file.HostPath, number, state)));
            }
        }

        foreach (var (_, run) in steps.OrderBy(s => s.Position))
        {
            run();
        }
    }

    private static void ScriptObject(ConfigTree tree, string file, int line, string kind, Dictionary<string, string> parameters, State state)
    {
        switch (kind)
        {
            case "action" when parameters.GetValueOrDefault("type")?.Equals("omfile", StringComparison.OrdinalIgnoreCase) == true:
                if (parameters.TryGetValue("file", out var path))
                {
                    AddFile(tree, path, file, line);
                }
                else if (parameters.TryGetValue("dynafile", out var template))
                {
                    state.DynamicFiles.Add((template, file, line));
                }

                break;
            case "include" when parameters.TryGetValue("file", out var pattern):
                var optional = parameters.GetValueOrDefault("mode")?.Equals("optional", StringComparison.OrdinalIgnoreCase) == true;
                Include(tree, file, line, pattern, optional, state);
                break;
            case "template" when parameters.TryGetValue("name", out var name) && parameters.TryGetValue("string", out var value):
                state.Templates[name] = value;
                break;
        }
    }

    /// <summary>The action part of a legacy rule line, or null when the line is not a rule.</summary>
    private static string? Action(string line)
    {
        foreach (var pattern in (Regex[])[Selector(), PropertyFilter(), Chained(), IfThen()])
        {
            if (pattern.Match(line) is { Success: true } match)
            {
                return match.Groups["action"].Value.Trim();
            }
        }

        return null;
    }

    private static void LegacyAction(ConfigTree tree, string action, string file, int line, State state)
    {
        var target = action.TrimStart('-');
        var semicolon = target.IndexOf(';', StringComparison.Ordinal);
        target = (semicolon >= 0 ? target[..semicolon] : target).Trim();
        if (target.StartsWith('/'))
        {
            AddFile(tree, target, file, line);
        }
        else if (target.StartsWith('?') && target.Length > 1)
        {
            state.DynamicFiles.Add((target[1..], file, line));
        }
    }

    private static void AddFile(ConfigTree tree, string path, string file, int line)
    {
        if (path.StartsWith('/'))
        {
            tree.AddLog(path, file, line);
        }
        else
        {
            tree.Warn($"{file}:{line}: output file {path} is not an absolute path; ignored");
        }
    }

    private static void Include(ConfigTree tree, string from, int line, string pattern, bool optional, State state)
    {
        if (!pattern.StartsWith('/'))
        {
            tree.Warn($"{from}:{line}: include {pattern} is not an absolute path; ignored");
            return;
        }

        foreach (var included in tree.Include(from, line, pattern, optional, IncludeRules))
        {
            ReadFile(tree, included, state);
        }
    }

    private static readonly IncludeStyle IncludeRules = new("include", WarnWhenWildcardMatchesNothing: false, IncludedDirectory.FilesIn);

    /// <summary>
    /// Replaces '#' and '/* */' comments (outside quotes) by spaces, keeping every newline. A '/*' only opens a
    /// comment at the start of a word, so that "/etc/rsyslog.d/*.conf" stays a path.
    /// </summary>
    private static string WithoutComments(string text)
    {
        var result = new StringBuilder(text.Length);
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                result.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    result.Append(text[++i]);
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                result.Append(c);
            }
            else if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                if (i < text.Length)
                {
                    result.Append('\n');
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*' && (i == 0 || char.IsWhiteSpace(text[i - 1])))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                foreach (var skipped in text.AsSpan(i, end - i))
                {
                    result.Append(skipped == '\n' ? '\n' : ' ');
                }

                i = end - 1;
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static int ClosingParenthesis(StringBuilder text, int start)
    {
        var quote = '\0';
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == ')')
            {
                return i;
            }
        }

        return text.Length;
    }

    private static Dictionary<string, string> Parameters(string body)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in Parameter().Matches(body))
        {
            parameters.TryAdd(match.Groups["name"].Value, Regex.Unescape(match.Groups["dq"].Success ? match.Groups["dq"].Value : match.Groups["sq"].Value));
        }

        return parameters;
    }

    [GeneratedRegex(@"\b(?<name>action|include|template)\s*\(", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptObject();

    [GeneratedRegex(@"(?<name>[A-Za-z][A-Za-z0-9_.]*)\s*=\s*(?:""(?<dq>(?:[^""\\]|\\.)*)""|'(?<sq>(?:[^'\\]|\\.)*)')", RegexOptions.NonBacktracking)]
    private static partial Regex Parameter();

    [GeneratedRegex(@"^\$IncludeConfig\s+(\S+)", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase)]
    private static partial Regex IncludeConfig();

    [GeneratedRegex(@"^\$template\s+(?<name>[^,\s]+)\s*,\s*""(?<value>(?:[^""\\]|\\.)*)""", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase)]
    private static partial Regex LegacyTemplate();

    [GeneratedRegex(@"^(?<selector>[A-Za-z0-9*!=,;]+\.[A-Za-z0-9*!=,;.]+)\s+(?<action>\S.*)$", RegexOptions.NonBacktracking)]
    private static partial Regex Selector();

    [GeneratedRegex(@"^:[^,]+,\s*!?[A-Za-z_-]+,\s*""(?:[^""\\]|\\.)*""\s+(?<action>\S.*)$", RegexOptions.NonBacktracking)]
    private static partial Regex PropertyFilter();

    [GeneratedRegex(@"^&\s*(?<action>\S.*)$", RegexOptions.NonBacktracking)]
    private static partial Regex Chained();

    [GeneratedRegex(@"^if\s.*\bthen\s+(?<action>-?[/?]\S*)\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex IfThen();

    [GeneratedRegex(@"%[^%]*%", RegexOptions.NonBacktracking)]
    private static partial Regex TemplateProperty();

    private sealed class State
    {
        public Dictionary<string, string> Templates { get; } = new(StringComparer.Ordinal);

        public List<(string Template, string File, int Line)> DynamicFiles { get; } = [];
    }
}
