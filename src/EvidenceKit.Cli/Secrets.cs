namespace EvidenceKit.Cli;

/// <summary>
/// Passphrases and passwords: from an environment variable, or typed at a terminal prompt without echo. Never from
/// the command line or a configuration file, never logged.
/// </summary>
public static class Secrets
{
    /// <summary>The variable both executables read an examiner key's (PKCS#12) passphrase from.</summary>
    public const string KeyPassphraseVariable = "EVIDENCEKIT_KEY_PASSPHRASE";

    /// <summary>Reads <paramref name="variable"/>, or prompts on a terminal; null when neither is possible.</summary>
    public static string? Read(string variable, string prompt, bool confirm = false)
    {
        var fromEnv = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }
        if (Console.IsInputRedirected || Console.IsErrorRedirected)
        {
            return null;
        }
        var first = Prompt(prompt);
        if (confirm && Prompt("Repeat it: ") != first)
        {
            throw CliException.BadInput("The two passphrases differ.");
        }
        return first;
    }

    private static string Prompt(string prompt)
    {
        Console.Error.Write(prompt);
        var chars = new List<char>();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (chars.Count > 0)
                {
                    chars.RemoveAt(chars.Count - 1);
                }
                continue;
            }
            chars.Add(key.KeyChar);
        }
        Console.Error.WriteLine();
        return new string(chars.ToArray());
    }
}
