namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>
/// Splits <c>key=value key2="quoted value" key3='single quoted'</c> text (audit records, PostgreSQL connection
/// lines): values end at white space unless quoted; the first occurrence of a key wins. Bounded by the text's length.
/// </summary>
internal static class KeyValueText
{
    /// <summary>The pairs in <paramref name="text"/>, in order.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Pairs(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && IsSeparator(text[i]))
            {
                i++;
            }
            var keyStart = i;
            while (i < text.Length && text[i] != '=' && !IsSeparator(text[i]))
            {
                i++;
            }
            if (i >= text.Length || text[i] != '=')
            {
                continue;
            }
            var key = text[keyStart..i];
            i++;
            string value;
            if (i < text.Length && (text[i] == '"' || text[i] == '\''))
            {
                var quote = text[i];
                var end = text.IndexOf(quote, i + 1);
                end = end < 0 ? text.Length : end;
                value = text[(i + 1)..end];
                i = Math.Min(text.Length, end + 1);
            }
            else
            {
                var start = i;
                while (i < text.Length && !IsSeparator(text[i]))
                {
                    i++;
                }
                value = text[start..i];
            }
            if (key.Length > 0)
            {
                yield return new KeyValuePair<string, string>(key, value);
            }
        }
    }

    /// <summary>The pairs as a dictionary, first occurrence winning.</summary>
    public static Dictionary<string, string> ToDictionary(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Pairs(text))
        {
            result.TryAdd(key, value);
        }
        return result;
    }

    // 0x1d (group separator) splits the raw and the enriched part of auditd's ENRICHED records.
    private static bool IsSeparator(char c) => c == ' ' || c == '\t' || c == '\u001d' || c == ',';
}
