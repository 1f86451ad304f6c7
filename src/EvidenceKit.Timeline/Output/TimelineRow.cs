using System.Globalization;
using EvidenceKit.Timeline.Pipeline;

namespace EvidenceKit.Timeline.Output;

/// <summary>The fixed values of one row, computed once for every output format.</summary>
internal static class TimelineRow
{
    /// <summary>ISO 8601 in UTC with microseconds, as Timesketch reads it.</summary>
    public static string DateTime(TimelineEvent e) =>
        new DateTimeOffset(e.Ticks, TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>Microseconds since the Unix epoch.</summary>
    public static long Timestamp(TimelineEvent e) => (e.Ticks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    /// <summary>The fixed fields in <see cref="TimelineFieldNames.Fixed"/> order; <c>line</c> or <c>offset</c> is null as the position says.</summary>
    public static string?[] Fixed(TimelineEvent e, EvidenceFile file)
    {
        var position = e.Position.ToString(CultureInfo.InvariantCulture);
        return
        [
            e.Message, DateTime(e), Timestamp(e).ToString(CultureInfo.InvariantCulture), e.TimestampDescription,
            file.Bundle.Facts.Host, e.Unparsed ? "unparsed" : file.Parser, file.Bundle.Facts.BundleId, file.Record.EvidenceId,
            file.Record.BagPath, file.Record.SourcePath, e.PositionIsOffset ? null : position, e.PositionIsOffset ? position : null,
            file.Record.Sha256, file.Verdict, e.Original, e.TimeNote,
        ];
    }
}
