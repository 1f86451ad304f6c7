using EvidenceKit.Core.Custody;

namespace EvidenceKit.Core.Tests.Custody;

public sealed class CustodyPathsTests
{
    [Theory]
    [InlineData("000001.json", 1, CustodyFileRole.Event)]
    [InlineData("000042.json.p7s", 42, CustodyFileRole.Signature)]
    [InlineData("999999.json.p7s.tsr", 999_999, CustodyFileRole.Timestamp)]
    public void Event_file_names_parse_to_their_sequence_and_role(string name, int sequence, CustodyFileRole role)
    {
        CustodyPaths.Parse(name).Should().Be((sequence, role));
    }

    [Theory]
    [InlineData("000000.json")]
    [InlineData("1.json")]
    [InlineData("00001a.json")]
    [InlineData("000001.json.bak")]
    [InlineData("000001.JSON")]
    [InlineData("notes.txt")]
    public void Other_names_are_not_event_files(string name)
    {
        CustodyPaths.Parse(name).Should().BeNull();
    }

    [Fact]
    public void Paths_are_six_digits_under_custody_events()
    {
        CustodyPaths.Event(7).Should().Be("custody/events/000007.json");
        CustodyPaths.Signature(7).Should().Be("custody/events/000007.json.p7s");
        CustodyPaths.Timestamp(7).Should().Be("custody/events/000007.json.p7s.tsr");
    }
}
