using EvidenceKit.Core.Abstractions;
using System.Text;
using System.Text.RegularExpressions;

namespace EvidenceKit.Core.Profiles.Discovery;

/// <summary>
/// Finds nginx's <c>access_log</c> and <c>error_log</c> files by reading nginx.conf and everything it includes.
/// "off", "stderr", "syslog:" and "memory:" destinations are not files and are left out; variables in a path
/// ("$host") become '*'; relative log paths are taken against the nginx prefix, relative includes against the
/// directory of nginx.conf.
/// </summary>
internal sealed partial class NginxDiscoverer : ILogDiscoverer
{
    public string Kind => "nginx";

    public DiscoveryResult Discover(ISourceFiles source)
    {
        var tree = new ConfigTree(source);
        foreach (var (conf, prefix) in Starts(tree))
        {
            if (tree.Read(conf, null, 0, warnIfMissing: false) is { } text)
            {
                var confDirectory = conf[..conf.LastIndexOf('/')];
                ReadFile(tree, text, new Layout(prefix, confDirectory));
            }
        }

        return tree.Result();
    }

    private static IEnumerable<(string Conf, string Prefix)> Starts(ConfigTree tree)
    {
        // Distribution packages (Debian/Ubuntu, RHEL-family) are built with --prefix=/usr/share/nginx and keep
        // module files there; nginx.org packages use --prefix=/etc/nginx and link /etc/nginx/modules.
        var distro = !tree.Exists("/etc/nginx/modules")
            && (tree.Exists("/usr/share/nginx/modules") || tree.Exists("/usr/share/nginx/modules-available"));
        yield return ("/etc/nginx/nginx.conf", distro ? "/usr/share/nginx" : "/etc/nginx");
        yield return ("/usr/local/nginx/conf/nginx.conf", "/usr/local/nginx");
        yield return ("/usr/local/openresty/nginx/conf/nginx.conf", "/usr/local/openresty/nginx");
    }

    private static void ReadFile(ConfigTree tree, ConfigText file, Layout layout)
    {
        using var _ = tree.Enter(file.HostPath);
        foreach (var (words, line) in Statements(file.Text))
        {
            switch (words[0])
            {
                case "include" when words.Count > 1:
                    foreach (var pattern in words.Skip(1))
                    {
                        Include(tree, file.HostPath, line, ConfigTree.Join(layout.ConfDirectory, pattern), layout);
                    }

                    break;
                case "access_log" or "error_log" when words.Count > 1:
                    var target = words[1];
                    if (target is "off" or "stderr"
                        || target.StartsWith("syslog:", StringComparison.Ordinal)
                        || target.StartsWith("memory:", StringComparison.Ordinal))
                    {
                        break;
                    }

                    tree.AddLog(ConfigTree.Join(layout.Prefix, Variable().Replace(target, "*")), file.HostPath, line);
                    break;
            }
        }
    }

    private static readonly IncludeStyle IncludeRules = new("include", WarnWhenWildcardMatchesNothing: false, IncludedDirectory.NotRead);

    private static void Include(ConfigTree tree, string from, int line, string pattern, Layout layout)
    {
        foreach (var included in tree.Include(from, line, pattern, optional: false, IncludeRules))
        {
            ReadFile(tree, included, layout);
        }
    }

    /// <summary>Splits nginx configuration into statements (words up to ';', '{' or '}') with the line of their first word.</summary>
    internal static IEnumerable<(List<string> Words, int Line)> Statements(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var line = 1;
        var statementLine = 1;

        void EndWord()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }

        void StartWord()
        {
            if (!inWord)
            {
                if (words.Count == 0)
                {
                    statementLine = line;
                }

                inWord = true;
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                EndWord();
                line++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                EndWord();
                continue;
            }

            if (c == '#' && !inWord)
            {
                while (i + 1 < text.Length && text[i + 1] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c is '"' or '\'')
            {
                StartWord();
                for (i++; i < text.Length && text[i] != c; i++)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    if (text[i] == '\n')
                    {
                        line++;
                    }

                    word.Append(text[i]);
                }

                continue;
            }

            if (c == '{' && inWord && word.Length > 0 && word[^1] == '$')
            {
                // "${name}" inside a word is a variable, not a block.
                for (; i < text.Length && text[i] != '}' && text[i] != '\n'; i++)
                {
                    word.Append(text[i]);
                }

                if (i < text.Length && text[i] == '}')
                {
                    word.Append('}');
                }

                continue;
            }

            if (c is ';' or '{' or '}')
            {
                EndWord();
                if (words.Count > 0)
                {
                    yield return (words, statementLine);
                    words = [];
                }

                continue;
            }

            if (c == '\\' && i + 1 < text.Length)
            {
                StartWord();
                word.Append(text[++i]);
                continue;
            }

            StartWord();
            word.Append(c);
        }

        EndWord();
        if (words.Count > 0)
        {
            yield return (words, statementLine);
        }
    }

    [GeneratedRegex(@"\$(\{[A-Za-z0-9_]+\}|[A-Za-z0-9_]+)", RegexOptions.NonBacktracking)]
    private static partial Regex Variable();

    private sealed record Layout(string Prefix, string ConfDirectory);
}
