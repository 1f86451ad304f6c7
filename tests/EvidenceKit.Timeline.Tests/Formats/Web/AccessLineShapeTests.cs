using System.Text;
using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Web;

namespace EvidenceKit.Timeline.Tests.Formats.Web;

/// <summary>
/// The span-based access-log reader takes exactly the lines, and finds exactly the parts, that the regular expression it
/// replaced did: the old expression is kept here as the oracle and both read the same hostile and mutated lines.
/// </summary>
public sealed partial class AccessLineShapeTests
{
    private static readonly string[] Seeds =
    [
        "192.0.2.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326",
        "192.0.2.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 \"http://www.example.com/start.html\" \"Mozilla/4.08\"",
        "www.example.com:443 192.0.2.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /x HTTP/1.0\" 200 2326 \"-\" \"Mozilla/4.08\"",
        "a:1 b \"c d\" [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 1",
        "h:80 c - \"x y\" [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" - - \"\" \"\" trailing \"words\"",
        "192.0.2.1 - \"a]b\" [10/Oct/2000:13:55:36 -0700] \"G\\\"ET /\\\\ HTTP/1.1\" 404 12abc \"r\\\"\" \"ua\\\\\"   ",
        "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"\\x16\\x03\\x01\" 400 0 \"-\" \"-\"",
        "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /\u001b[31mred HTTP/1.1\" 200 5 \"-\" \"\u001b]0;title\u0007\"",
        "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /\uFFFD\uFFFD HTTP/1.1\" 200 5 \"\u202e\" \"\uD800\"",
        "192.0.2.1\t- - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5",
        "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 2000 5",
        "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1 200 5",
        "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700 \"GET / HTTP/1.1\" 200 5",
        "192.0.2.1 - - [10/Oct/2000:13:55:36 -07000] \"GET / HTTP/1.1\" 200 5",
        "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\\",
        ":1 192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5",
        "x: 192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5",
        "- - - [10/Oct/2000:13:55:36 -0700] \"\" - -",
        "",
        " ",
        "192.0.2.1 - - [] \"GET / HTTP/1.1\" 200 5",
    ];

    [Fact]
    public void Hostile_lines_are_read_as_the_old_regular_expression_read_them()
    {
        foreach (var line in Seeds)
        {
            AssertSameAsOracle(line);
        }
    }

    [Fact]
    public void Lines_mutated_by_an_attacker_at_random_are_read_as_the_old_regular_expression_read_them()
    {
        // Every seed, cut, spliced and sprinkled with the characters the parts are delimited by, 40,000 times.
        var random = new Random(16);
        var alphabet = " \"\\[]:-0123456789\t\u001b\uFFFDHTTP/ab";
        var matched = 0;
        for (var i = 0; i < 40_000; i++)
        {
            var line = new StringBuilder(Seeds[random.Next(Seeds.Length)]);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(line.Length + 1);
                switch (random.Next(3))
                {
                    case 0:
                        line.Insert(at, alphabet[random.Next(alphabet.Length)]);
                        break;
                    case 1 when at < line.Length:
                        line.Remove(at, 1);
                        break;
                    default:
                        var other = Seeds[random.Next(Seeds.Length)];
                        var from = random.Next(other.Length + 1);
                        line.Insert(at, other.AsSpan(from, Math.Min(12, other.Length - from)));
                        break;
                }
            }
            matched += AssertSameAsOracle(line.ToString()) ? 1 : 0;
        }
        // The mutations must leave many lines readable, or the comparison would prove little.
        matched.Should().BeGreaterThan(5_000);
    }

    [Fact]
    public void An_overlong_line_of_escapes_is_read_in_one_pass_as_the_oracle_reads_it()
    {
        var request = string.Concat(Enumerable.Repeat("\\\"", 30_000));
        AssertSameAsOracle($"192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"{request}\" 200 5 \"{request}\" \"{request}\"").Should().BeTrue();
        AssertSameAsOracle($"192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"{request}\\").Should().BeFalse();
    }

    private static bool AssertSameAsOracle(string line)
    {
        var oracle = Oracle().Match(line);
        var ours = AccessLineShape.TryMatch(line, out var parts);
        ours.Should().Be(oracle.Success, $"the oracle {(oracle.Success ? "reads" : "refuses")} the line <{line}>");
        if (!ours)
        {
            return false;
        }
        string Group(string name) => oracle.Groups[name].Success ? oracle.Groups[name].Value : "";
        var found = new[] { parts.Vhost, parts.Client, parts.Ident, parts.User, parts.Time, parts.Request, parts.Status, parts.Size, parts.Referer, parts.Agent, parts.Extra }
            .Select(r => line[r]).ToArray();
        found.Should().Equal(new[] { "vhost", "client", "ident", "user", "time", "request", "status", "size", "referer", "agent", "extra" }.Select(Group),
            $"the parts of <{line}>");
        return true;
    }

    /// <summary>The regular expression the access-log parser used before it read lines by hand.</summary>
    [GeneratedRegex("""^(?:(?<vhost>\S+:[0-9]+) )?(?<client>\S+) (?<ident>\S+) (?<user>\S+|"[^"]*") \[(?<time>[^\]]{26})\] "(?<request>(?:[^"\\]|\\.)*)" (?<status>[0-9]{3}|-) (?<size>[0-9]+|-)(?: "(?<referer>(?:[^"\\]|\\.)*)" "(?<agent>(?:[^"\\]|\\.)*)")?(?<extra>.*)$""", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Oracle();
}
