namespace EvidenceKit.Timeline.Reading;

/// <summary>A compressed file expanded beyond the decompressed-size bound (a decompression bomb, or simply too large).</summary>
internal sealed class DecompressionLimitException(long limit)
    : IOException($"it expands beyond {limit} bytes when decompressed; the rest was not read")
{
    /// <summary>The bound that was reached.</summary>
    public long Limit { get; } = limit;
}
