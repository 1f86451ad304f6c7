using EvidenceKit.Testing;
namespace EvidenceKit.Signing.Tests.Support;

/// <summary>A clock that always says the same UTC time.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
