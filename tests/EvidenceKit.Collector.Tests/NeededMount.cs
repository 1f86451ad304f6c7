using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests;

/// <summary>
/// The scratch mount a test class needs, made with the class and removed with it. A test asks for it through
/// <see cref="Require"/> (or <see cref="Mount"/>), which reports the test Skipped with the reason when it could not be made.
/// </summary>
internal sealed class NeededMount : IDisposable
{
    private readonly ScratchMount? _mount;
    private readonly string _reason;

    /// <summary>Mounts as <see cref="ScratchMount.TryCreate"/> does.</summary>
    public NeededMount(string size, string[]? mkfs) => _mount = ScratchMount.TryCreate(size, mkfs, out _reason);

    /// <summary>The mount; the test is skipped with the reason when there is none.</summary>
    public ScratchMount Mount
    {
        get
        {
            Require();
            return _mount!;
        }
    }

    /// <summary>Skips the calling test with the reason when the mount could not be made.</summary>
    public void Require() => Requires.Feature(_mount is not null, _reason);

    public void Dispose() => _mount?.Dispose();
}
