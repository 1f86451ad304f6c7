namespace EvidenceKit.Verifier.Tests.Docs;

/// <summary>
/// The one mapping from the placeholders the docs print (a USB mount point, a bundle name, a host, a passphrase
/// written <c>'...'</c>) to what stands for them in a test. A placeholder is replaced only as a whole word: not
/// inside a longer name (<c>ROOT.pem</c> is not touched inside <c>TSA-ROOT.pem</c> or <c>$dir/ROOT.pem</c>), the
/// longest placeholder first. Keys starting with <c>@</c> name directories a block runs in, not words. Nothing else in a command is changed.
/// </summary>
internal static class DocPlaceholders
{
    public static string Apply(string text, IReadOnlyDictionary<string, Func<string>> values)
    {
        foreach (var placeholder in values.Keys.Where(k => !k.StartsWith('@')).OrderByDescending(k => k.Length))
        {
            var at = 0;
            while ((at = text.IndexOf(placeholder, at, StringComparison.Ordinal)) >= 0)
            {
                if (!Stands(text, at, placeholder.Length))
                {
                    at += placeholder.Length;
                    continue;
                }
                var value = values[placeholder]();
                text = text[..at] + value + text[(at + placeholder.Length)..];
                at += value.Length;
            }
        }
        return text;
    }

    /// <summary>Whether <paramref name="text"/> holds <paramref name="placeholder"/> as a whole word.</summary>
    public static bool Occurs(string text, string placeholder)
    {
        for (var at = text.IndexOf(placeholder, StringComparison.Ordinal); at >= 0; at = text.IndexOf(placeholder, at + 1, StringComparison.Ordinal))
        {
            if (Stands(text, at, placeholder.Length))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Stands(string text, int at, int length)
    {
        static bool Word(char c) => char.IsLetterOrDigit(c) || c is '_' or '.' or '-' or '/' or '$';
        var before = at == 0 || !Word(text[at - 1]);
        var after = at + length == text.Length || !(char.IsLetterOrDigit(text[at + length]) || text[at + length] is '_' or '-');
        return before && after;
    }
}
