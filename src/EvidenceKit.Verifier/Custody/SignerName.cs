using System.Text;

namespace EvidenceKit.Verifier.Custody;

/// <summary>
/// The name a custody event must give for its actor: the common name (CN) of the signing certificate's subject, or the
/// whole subject when it has no single CN. Reads the "CN=Erin Examiner,O=ACME" form the signer reports, with
/// RFC 4514 escapes (<c>\,</c>, <c>\"</c>, <c>\2C</c>) and quoted values.
/// </summary>
internal static class SignerName
{
    public static string Of(string subject)
    {
        var names = Attributes(subject)
            .Where(a => a.Type.Equals("CN", StringComparison.OrdinalIgnoreCase) || a.Type == "2.5.4.3")
            .Select(a => a.Value)
            .ToList();
        return names.Count == 1 && names[0].Length > 0 ? names[0] : subject;
    }

    private static IEnumerable<(string Type, string Value)> Attributes(string subject)
    {
        var type = new StringBuilder();
        var value = new StringBuilder();
        var inValue = false;
        var quoted = false;
        for (var i = 0; i < subject.Length; i++)
        {
            var c = subject[i];
            if (c == '\\' && i + 1 < subject.Length)
            {
                var next = subject[++i];
                if (Uri.IsHexDigit(next) && i + 1 < subject.Length && Uri.IsHexDigit(subject[i + 1]))
                {
                    (inValue ? value : type).Append((char)Convert.ToByte(subject.Substring(i, 2), 16));
                    i++;
                }
                else
                {
                    (inValue ? value : type).Append(next);
                }
            }
            else if (c == '"' && inValue)
            {
                quoted = !quoted;
            }
            else if (c == '=' && !inValue)
            {
                inValue = true;
            }
            else if ((c == ',' || c == '+' || c == ';') && !quoted)
            {
                yield return (type.ToString().Trim(), value.ToString().Trim());
                type.Clear();
                value.Clear();
                inValue = false;
            }
            else
            {
                (inValue ? value : type).Append(c);
            }
        }
        if (inValue)
        {
            yield return (type.ToString().Trim(), value.ToString().Trim());
        }
    }
}
