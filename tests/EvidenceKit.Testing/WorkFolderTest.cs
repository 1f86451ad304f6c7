namespace EvidenceKit.Testing;

/// <summary>A test that writes its files (keys, signatures, certificates) into <see cref="Work"/>: fresh for every test, removed after it.</summary>
public abstract class WorkFolderTest : IDisposable
{
    protected TempDirectory Work { get; } = new();

    public void Dispose()
    {
        Work.Dispose();
        GC.SuppressFinalize(this);
    }
}
