namespace EvidenceKit.Cli;

/// <summary>The command line as recorded in manifests and logs, with anything secret replaced.</summary>
public static class CommandLineRedaction
{
    private static readonly string[] SecretOptions = ["--passphrase", "--password", "--key-passphrase", "--ssh-password"];

    /// <summary>Returns the arguments with the values of secret options (and user:password@ in URLs) replaced by "***".</summary>
    public static IReadOnlyList<string> Redact(IEnumerable<string> args)
    {
        var result = new List<string>();
        var hideNext = false;
        foreach (var arg in args)
        {
            if (hideNext)
            {
                result.Add("***");
                hideNext = false;
                continue;
            }
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (SecretOptions.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                if (eq > 0)
                {
                    result.Add(name + "=***");
                }
                else
                {
                    result.Add(arg);
                    hideNext = true;
                }
                continue;
            }
            result.Add(RedactUrlPassword(arg));
        }
        return result;
    }

    private static string RedactUrlPassword(string arg)
    {
        var scheme = arg.IndexOf("://", StringComparison.Ordinal);
        var at = arg.IndexOf('@', StringComparison.Ordinal);
        if (scheme < 0 || at < 0)
        {
            return arg;
        }
        var colon = arg.IndexOf(':', scheme + 3);
        return colon > 0 && colon < at ? arg[..(colon + 1)] + "***" + arg[at..] : arg;
    }
}
