using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Tests.Formats.Support;

namespace EvidenceKit.Timeline.Tests.Formats.Common;

public sealed class HostTimeTests
{
    [Fact]
    public void A_zone_less_time_is_read_in_the_host_zone_and_says_so()
    {
        var time = HostTime.Resolve(new DateTime(2026, 7, 1, 12, 0, 0), ParserHarness.Clock(ParserHarness.Berlin));

        time.Utc.Should().Be(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero));
        time.Note.Should().Be("zone assumed Europe/Berlin");
    }

    [Fact]
    public void A_time_skipped_by_the_spring_change_is_read_with_the_standard_offset_and_flagged()
    {
        var time = HostTime.Resolve(new DateTime(2026, 3, 29, 2, 30, 0), ParserHarness.Clock(ParserHarness.Berlin));

        time.Utc.Should().Be(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero));
        time.Note.Should().Contain("skipped by a DST change");
    }

    [Fact]
    public void A_time_repeated_by_the_autumn_change_is_read_with_the_standard_offset_and_flagged()
    {
        var time = HostTime.Resolve(new DateTime(2026, 10, 25, 2, 30, 0), ParserHarness.Clock(ParserHarness.Berlin));

        time.Utc.Should().Be(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero));
        time.Note.Should().Contain("repeated by a DST change");
    }
}
