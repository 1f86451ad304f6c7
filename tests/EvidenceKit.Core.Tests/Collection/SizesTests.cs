using EvidenceKit.Core.Collection;

namespace EvidenceKit.Core.Tests.Collection;

public sealed class SizesTests
{
    [Theory]
    [InlineData("123", 123L)]
    [InlineData("2GiB", 2L << 30)]
    [InlineData("2 gib", 2L << 30)]
    [InlineData("10MB", 10_000_000L)]
    [InlineData("512KiB", 512L * 1024)]
    public void Sizes_in_binary_and_decimal_units_are_read(string text, long bytes)
    {
        Sizes.TryParse(text).Should().Be(bytes);
    }

    [Theory]
    [InlineData("huge")]
    [InlineData("0")]
    [InlineData("-5MiB")]
    [InlineData("10 PiB")]
    [InlineData("99999999999TiB")]
    public void Anything_else_is_not_a_size(string text)
    {
        Sizes.TryParse(text).Should().BeNull();
    }
}
