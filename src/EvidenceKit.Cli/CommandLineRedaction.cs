using System.Text.RegularExpressions;

namespace EvidenceKit.Cli;

/// <summary>
/// The one place that decides what of the command line is secret, and hides it: in the command line recorded in
/// manifests and logs (<see cref="Redact"/>), in everything printed (<see cref="RedactText"/>, applied by
/// <see cref="TerminalWriter"/>) and in usage errors (<see cref="RedactParseError"/>). Secret are: the value of any
/// option whose name looks like a secret (known or not: <c>--passphrase</c>, <c>--password</c>, <c>--token</c>, ...),
/// and the password of a URI with credentials (<c>sftp://user:password@host</c>), shown as <c>***</c>.
/// </summary>
public static partial class CommandLineRedaction
{
    /// <summary>What a hidden value is shown as.</summary>
    public const string Mask = "***";

    private const int ShortestSecretMaskedEverywhere = 4;

    private static readonly string[] SecretWords = ["pass", "secret", "token", "pwd", "credential", "apikey", "api-key", "private"];

    /// <summary>Returns the arguments with the values of secret options (and user:password@ in URLs) replaced by "***".</summary>
    public static IReadOnlyList<string> Redact(IEnumerable<string> args)
    {
        var result = new List<string>();
        var hideNext = false;
        foreach (var arg in args)
        {
            if (hideNext)
            {
                hideNext = false;
                if (!arg.StartsWith("--", StringComparison.Ordinal))
                {
                    result.Add(Mask);
                    continue;
                }
            }
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (IsSecretOption(name))
            {
                if (eq > 0)
                {
                    result.Add(name + "=" + Mask);
                }
                else
                {
                    result.Add(arg);
                    hideNext = true;
                }
                continue;
            }
            result.Add(RedactUris(arg));
        }
        return result;
    }

    /// <summary>The secret strings of a command line: values of secret-looking options and passwords inside URIs.</summary>
    public static IReadOnlyList<string> SecretValues(IEnumerable<string> args)
    {
        var secrets = new List<string>();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (IsSecretOption(name))
            {
                if (eq > 0)
                {
                    secrets.Add(arg[(eq + 1)..]);
                }
                else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    secrets.Add(list[++i]);
                }
                continue;
            }
            foreach (Match m in UriPassword().Matches(arg))
            {
                secrets.Add(m.Groups["password"].Value);
                secrets.Add(Uri.UnescapeDataString(m.Groups["password"].Value));
            }
        }
        return secrets.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToList();
    }

    /// <summary>
    /// Hides <paramref name="secrets"/> and URI passwords in a text about to be printed. A secret shorter than four
    /// characters is hidden only where it stands quoted ('x'), so that it does not blank out ordinary words.
    /// </summary>
    public static string RedactText(string text, IReadOnlyList<string> secrets)
    {
        foreach (var secret in secrets)
        {
            text = secret.Length >= ShortestSecretMaskedEverywhere
                ? text.Replace(secret, Mask, StringComparison.Ordinal)
                : text.Replace("'" + secret + "'", "'" + Mask + "'", StringComparison.Ordinal);
        }
        return RedactUris(text);
    }

    /// <summary>Replaces the password of every URI with credentials in <paramref name="text"/> by "***".</summary>
    public static string RedactUris(string text) =>
        text.Contains("://", StringComparison.Ordinal) ? UriPassword().Replace(text, m => m.Groups["prefix"].Value + Mask + "@") : text;

    /// <summary>
    /// A usage error as it may be shown: every quoted token that is not one of <paramref name="knownNames"/> (the
    /// commands' and options' names) is shown as '***', since a mistyped option's value may be a secret.
    /// </summary>
    public static string RedactParseError(string message, IEnumerable<string> args, IReadOnlySet<string> knownNames)
    {
        foreach (var arg in args.Distinct(StringComparer.Ordinal).OrderByDescending(a => a.Length))
        {
            if (knownNames.Contains(arg))
            {
                continue;
            }
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var shown = arg.StartsWith('-') && eq > 0 ? arg[..(eq + 1)] + Mask
                : arg.StartsWith('-') && !arg.Any(char.IsWhiteSpace) ? arg
                : Mask;
            message = message.Replace("'" + arg + "'", "'" + shown + "'", StringComparison.Ordinal);
        }
        return message;
    }

    /// <summary>True for an option name that looks like it takes a secret (--passphrase, --ssh-password, --token, ...).</summary>
    public static bool IsSecretOption(string name) =>
        name.StartsWith('-') && SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"(?<prefix>[A-Za-z][A-Za-z0-9+.\-]*://[^/\s:@'""]*:)(?<password>[^/\s@'""]*)@")]
    private static partial Regex UriPassword();
}
