namespace EvidenceKit.Testing;

/// <summary>
/// The two folders of a collection test: <see cref="Source"/>, the tree it collects (stands for the server's root),
/// and <see cref="Target"/>, where the bundle goes (stands for the evidence drive). Fresh for every test, removed after it.
/// </summary>
public abstract class SourceAndTargetTest(string name) : IDisposable
{
    protected TempDirectory Source { get; } = new($"ek-{name}-src-");

    protected TempDirectory Target { get; } = new($"ek-{name}-dst-");

    public void Dispose()
    {
        Source.Dispose();
        Target.Dispose();
        GC.SuppressFinalize(this);
    }
}
