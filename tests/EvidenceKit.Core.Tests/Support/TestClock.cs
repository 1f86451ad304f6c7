using Microsoft.Extensions.Time.Testing;

namespace EvidenceKit.Core.Tests.Support;

/// <summary>
/// The clock Core tests hand to Core: a fake that starts at the real time (so files the test just wrote are not "in
/// the future") and moves only a millisecond per reading, so no test depends on how fast the machine is.
/// </summary>
internal static class TestClock
{
    public static FakeTimeProvider Now() => new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
}
