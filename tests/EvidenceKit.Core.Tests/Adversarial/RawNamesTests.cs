using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Tests.Adversarial;

/// <summary>The surrogate-escape codec carries any name's bytes through a .NET string and back.</summary>
public sealed class RawNamesTests
{
    public static TheoryData<byte[]> Names() => new()
    {
        "access.log"u8.ToArray(),
        "caf\u00e9.log"u8.ToArray(),
        new byte[] { 0x63, 0x61, 0x66, 0xE9 },
        new byte[] { 0xFF, 0xFE, 0x80 },
        new byte[] { 0xED, 0xB2, 0x80 },
        new byte[] { 0xF0, 0x9F, 0x98 },
        new byte[] { 0xF0, 0x9F, 0x98, 0x80, 0xC3 },
        "x\u001b[2Jy"u8.ToArray(),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Any_bytes_survive_the_round_trip_exactly(byte[] name)
    {
        RawNames.ToBytes(RawNames.FromBytes(name)).Should().Equal(name);
    }

    [Fact]
    public void Every_single_byte_and_every_pair_of_bytes_decode_to_distinct_strings()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var a = 1; a < 256; a++)
        {
            seen.Add(RawNames.FromBytes([(byte)a])).Should().BeTrue();
            for (var b = 1; b < 256; b += 7)
            {
                seen.Add(RawNames.FromBytes([(byte)a, (byte)b])).Should().BeTrue();
            }
        }
    }

    [Fact]
    public void Valid_utf8_is_not_raw_and_invalid_bytes_are_shown_as_hex_escapes()
    {
        RawNames.IsRaw(RawNames.FromBytes("caf\u00e9"u8)).Should().BeFalse();
        var raw = RawNames.FromBytes([0x61, 0xE9, 0x62]);
        RawNames.IsRaw(raw).Should().BeTrue();
        RawNames.Readable(raw).Should().Be("a\\xE9b");
        RawNames.Base64IfRaw(raw).Should().Be(Convert.ToBase64String(new byte[] { 0x61, 0xE9, 0x62 }));
    }
}
