namespace EvidenceKit.Timeline.Formats.Web;

/// <summary>
/// Finds the parts of an access-log line (<c>[%v:%p ]%h %l %u [%t] "%r" %&gt;s %b[ "%{Referer}i" "%{User-Agent}i"]</c>,
/// anything after kept as extra) by walking its characters once, with no regular expression and no copy. It takes the
/// same lines, and finds the same parts, as the regular expression it replaced (kept in the tests as the oracle):
/// a first token ending in <c>:port</c> is tried as the virtual host first, then as the client; a user is tried as one
/// token first, then as a quoted string; a backslash in a quoted part escapes the next character.
/// </summary>
internal static class AccessLineShape
{
    /// <summary>The length of <c>%t</c>'s text between its brackets: <c>10/Oct/2000:13:55:36 -0700</c>.</summary>
    public const int TimeLength = 26;

    /// <summary>Finds the parts of <paramref name="line"/>; false when it is not an access-log line.</summary>
    public static bool TryMatch(ReadOnlySpan<char> line, out AccessLineParts parts)
    {
        var first = TokenEnd(line, 0);
        if (IsVhost(line[..first]) && first < line.Length && line[first] == ' ' && TryFromClient(line, first + 1, out parts))
        {
            parts.Vhost = new Range(0, first);
            return true;
        }
        return TryFromClient(line, 0, out parts);
    }

    private static bool TryFromClient(ReadOnlySpan<char> line, int start, out AccessLineParts parts)
    {
        parts = default;
        if (!TryToken(line, start, out var clientEnd) || !TryToken(line, clientEnd + 1, out var identEnd))
        {
            return false;
        }
        var userStart = identEnd + 1;
        parts.Client = new Range(start, clientEnd);
        parts.Ident = new Range(clientEnd + 1, identEnd);
        // The user as one token, then as a quoted string (which may hold spaces).
        if (TokenEnd(line, userStart) is var userEnd && userEnd > userStart && OpensTime(line, userEnd) && TryFromTime(line, userEnd + 2, ref parts))
        {
            parts.User = new Range(userStart, userEnd);
            return true;
        }
        if (userStart < line.Length && line[userStart] == '"' && line[(userStart + 1)..].IndexOf('"') is var close && close >= 0
            && OpensTime(line, userStart + close + 2) && TryFromTime(line, userStart + close + 4, ref parts))
        {
            parts.User = new Range(userStart, userStart + close + 2);
            return true;
        }
        return false;
    }

    private static bool TryFromTime(ReadOnlySpan<char> line, int start, ref AccessLineParts parts)
    {
        var timeEnd = start + TimeLength;
        if (timeEnd + 2 >= line.Length || line[start..timeEnd].Contains(']') || line[timeEnd] != ']' || line[timeEnd + 1] != ' ' || line[timeEnd + 2] != '"')
        {
            return false;
        }
        var requestStart = timeEnd + 3;
        if (!TryQuoted(line, requestStart, out var requestEnd))
        {
            return false;
        }
        var at = requestEnd + 1;
        if (at >= line.Length || line[at] != ' ')
        {
            return false;
        }
        var statusStart = ++at;
        if (at < line.Length && line[at] == '-')
        {
            at++;
        }
        else if (at + 3 <= line.Length && char.IsAsciiDigit(line[at]) && char.IsAsciiDigit(line[at + 1]) && char.IsAsciiDigit(line[at + 2]))
        {
            at += 3;
        }
        else
        {
            return false;
        }
        var statusEnd = at;
        if (at >= line.Length || line[at] != ' ')
        {
            return false;
        }
        var sizeStart = ++at;
        while (at < line.Length && char.IsAsciiDigit(line[at]))
        {
            at++;
        }
        if (at == sizeStart)
        {
            if (at >= line.Length || line[at] != '-')
            {
                return false;
            }
            at++;
        }
        parts.Time = new Range(start, timeEnd);
        parts.Request = new Range(requestStart, requestEnd);
        parts.Status = new Range(statusStart, statusEnd);
        parts.Size = new Range(sizeStart, at);
        // The referer and agent pair is optional: without it, the rest of the line is extra.
        if (at + 1 < line.Length && line[at] == ' ' && line[at + 1] == '"' && TryQuoted(line, at + 2, out var refererEnd)
            && refererEnd + 2 < line.Length && line[refererEnd + 1] == ' ' && line[refererEnd + 2] == '"' && TryQuoted(line, refererEnd + 3, out var agentEnd))
        {
            parts.Referer = new Range(at + 2, refererEnd);
            parts.Agent = new Range(refererEnd + 3, agentEnd);
            at = agentEnd + 1;
        }
        parts.Extra = new Range(at, line.Length);
        return true;
    }

    /// <summary>A quoted part from <paramref name="start"/> (after its opening quote) to its closing quote's index; a backslash escapes one character.</summary>
    private static bool TryQuoted(ReadOnlySpan<char> line, int start, out int end)
    {
        var at = start;
        while (at < line.Length)
        {
            var next = line[at..].IndexOfAny('"', '\\');
            if (next < 0)
            {
                break;
            }
            at += next;
            if (line[at] == '"')
            {
                end = at;
                return true;
            }
            if (at + 1 >= line.Length || line[at + 1] == '\n')
            {
                break;
            }
            at += 2;
        }
        end = -1;
        return false;
    }

    /// <summary>True when a non-empty token starts at <paramref name="start"/> and ends at a space; <paramref name="end"/> is that space.</summary>
    private static bool TryToken(ReadOnlySpan<char> line, int start, out int end)
    {
        end = TokenEnd(line, start);
        return end > start && end < line.Length && line[end] == ' ';
    }

    /// <summary>The index of the first white-space character at or after <paramref name="start"/> (the end of a <c>\S+</c> run), or the line's length.</summary>
    private static int TokenEnd(ReadOnlySpan<char> line, int start)
    {
        var at = start;
        while (at < line.Length && !char.IsWhiteSpace(line[at]))
        {
            at++;
        }
        return at;
    }

    private static bool OpensTime(ReadOnlySpan<char> line, int at) => at + 1 < line.Length && line[at] == ' ' && line[at + 1] == '[';

    /// <summary><c>\S+:[0-9]+</c>: some text, a colon, and a port of ASCII digits to the token's end.</summary>
    private static bool IsVhost(ReadOnlySpan<char> token)
    {
        var digits = token.Length;
        while (digits > 0 && char.IsAsciiDigit(token[digits - 1]))
        {
            digits--;
        }
        return digits < token.Length && digits >= 2 && token[digits - 1] == ':';
    }
}
