using EvidenceKit.Timeline.Formats.Syslog;
using EvidenceKit.Timeline.Formats.Web;

namespace EvidenceKit.Timeline.Parsing;

/// <summary>Every parser the timeline knows (web and syslog here, the service logs in <see cref="ServiceParsers"/>), and the choice among them.</summary>
internal static class ParserCatalog
{
    /// <summary>All parsers, in a fixed order (earlier wins a tie).</summary>
    public static IReadOnlyList<ILogParser> All { get; } =
        [.. AccessLogParser.All, new NginxErrorParser(), new ApacheErrorParser(), new SyslogParser(), .. ServiceParsers.All];

    /// <summary>The parser that fits <paramref name="sample"/> best, or null when none does. A parser that throws while judging is passed over.</summary>
    public static ILogParser? Choose(LogSample sample, IReadOnlyList<ILogParser>? parsers = null)
    {
        ILogParser? best = null;
        var bestScore = 0;
        foreach (var parser in parsers ?? All)
        {
            int score;
            try
            {
                score = parser.Fits(sample);
            }
#pragma warning disable CA1031 // A parser's bug on hostile input must not stop the timeline; the file is then judged by the others.
            catch (Exception)
#pragma warning restore CA1031
            {
                continue;
            }
            if (score > bestScore)
            {
                best = parser;
                bestScore = score;
            }
        }
        return best;
    }
}
