using System.Globalization;
using System.Text;

namespace EvidenceKit.Timeline.Output;

/// <summary>
/// Text from evidence made safe for a one-line cell: C0 and C1 controls, DEL, bidirectional overrides and marks, line
/// and paragraph separators become visible escapes (<c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\xHH</c>, <c>\uHHHH</c>), and a lone
/// surrogate becomes <c>\uHHHH</c>. Backslashes are kept as they are; the evidence file keeps the true bytes.
/// </summary>
internal static class SafeText
{
    /// <summary>The visible one-line form of <paramref name="text"/>.</summary>
    public static string OneLine(string text)
    {
        var i = 0;
        while (i < text.Length && !Needs(text, i))
        {
            i++;
        }
        if (i == text.Length)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }
            if (!Needs(text, i))
            {
                builder.Append(c);
                continue;
            }
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < '\u0100' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }
        return builder.ToString();
    }

    /// <summary><paramref name="text"/> with every lone surrogate replaced by U+FFFD (so it can be written as UTF-8).</summary>
    public static string WellFormed(string text)
    {
        var first = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
        {
            return text;
        }
        for (var i = first; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                var chars = text.ToCharArray();
                for (var j = i; j < chars.Length; j++)
                {
                    if (char.IsHighSurrogate(chars[j]) && j + 1 < chars.Length && char.IsLowSurrogate(chars[j + 1]))
                    {
                        j++;
                    }
                    else if (char.IsSurrogate(chars[j]))
                    {
                        chars[j] = '\uFFFD';
                    }
                }
                return new string(chars);
            }
        }
        return text;
    }

    private static bool Needs(string text, int i)
    {
        var c = text[i];
        if (c < 0x20 || c is >= '\u007f' and <= '\u009f')
        {
            return true;
        }
        if (c is (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u200e' or '\u200f' or '\u061c' or '\u2028' or '\u2029')
        {
            return true;
        }
        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        }
        return char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1]));
    }
}
