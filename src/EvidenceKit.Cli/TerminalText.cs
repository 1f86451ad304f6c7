using System.Globalization;
using System.Text;

namespace EvidenceKit.Cli;

/// <summary>
/// How text that came from the source or a bundle is shown on a terminal: every character that could move the
/// cursor, change the title, erase a line, recolour text or reorder it is replaced by a visible escape. C0 controls,
/// DEL and C1 controls (U+0080-U+009F) become <c>\xHH</c> (<c>\n</c>, <c>\r</c>, <c>\t</c> for those three);
/// bidirectional overrides and marks, line and paragraph separators and lone surrogates become <c>\uHHHH</c>, which is
/// also how JSON writes them, so JSON stays valid JSON. Escaping is idempotent: escaped text contains nothing to escape.
/// Backslashes are left as they are; the bundle's files keep the true bytes.
/// </summary>
public static class TerminalText
{
    /// <summary>Escapes every control character, newlines included: the result is one line of visible text.</summary>
    public static string Escape(string? text) => Escape(text, keepNewlines: false);

    /// <summary>Escapes every control character except <c>\n</c>: the result may span lines but cannot control the terminal.</summary>
    public static string EscapeKeepingNewlines(string? text) => Escape(text, keepNewlines: true);

    /// <summary>True when <paramref name="c"/> is shown escaped (a UTF-16 surrogate counts only when it is alone).</summary>
    public static bool NeedsEscape(char c) =>
        c < 0x20 || c is >= '\u007f' and <= '\u009f' || IsInvisibleFormatting(c);

    private static bool IsInvisibleFormatting(char c) => c is
        (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u200e' or '\u200f' or '\u061c'
        or '\u2028' or '\u2029';

    private static string Escape(string? text, bool keepNewlines)
    {
        if (string.IsNullOrEmpty(text) || !NeedsAny(text, keepNewlines))
        {
            return text ?? "";
        }
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (keepNewlines && c == '\n')
            {
                builder.Append(c);
            }
            else
            {
                Append(builder, c);
            }
        }
        return builder.ToString();
    }

    /// <summary>Appends <paramref name="c"/> as it is shown: itself, or its escape (a surrogate given here is a lone one).</summary>
    internal static void Append(StringBuilder builder, char c)
    {
        switch (c)
        {
            case '\n':
                builder.Append("\\n");
                break;
            case '\r':
                builder.Append("\\r");
                break;
            case '\t':
                builder.Append("\\t");
                break;
            case < ' ' or (>= '\u007f' and <= '\u009f'):
                builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                break;
            default:
                if (IsInvisibleFormatting(c) || char.IsSurrogate(c))
                {
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c);
                }
                break;
        }
    }

    private static bool NeedsAny(string text, bool keepNewlines)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if ((NeedsEscape(c) && !(keepNewlines && c == '\n')) || char.IsSurrogate(c))
            {
                return true;
            }
        }
        return false;
    }
}
