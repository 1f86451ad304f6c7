namespace EvidenceKit.Testing;

/// <summary>
/// The two folders of a confinement test: <see cref="Root"/>, the tree the compromised server controls, and
/// <see cref="Outside"/>, a sentinel folder beside it that stands for the examiner's own files, which nothing may
/// read, record or write. Fresh for every test, removed after it.
/// </summary>
public abstract class RootAndOutsideTest(string name) : IDisposable
{
    protected TempDirectory Root { get; } = new($"ek-{name}-root-");

    protected TempDirectory Outside { get; } = new($"ek-{name}-outside-");

    public void Dispose()
    {
        Root.Dispose();
        Outside.Dispose();
        GC.SuppressFinalize(this);
    }
}
