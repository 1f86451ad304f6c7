namespace EvidenceKit.Core.Tests.Platform;

/// <summary>
/// The set-up of every attack on the bundle writer: a real store folder, the writer on it, and a folder beside it with
/// a sentinel file (<c>secret.txt</c>) that stands for what a followed link would overwrite. Fresh for every test.
/// </summary>
public abstract class StoreAttackTest : IDisposable
{
    protected StoreAttackTest()
    {
        Outside.Write("secret.txt", "outside\n");
        Sut = new LocalDirectoryStore(Store.Path);
    }

    /// <summary>The folder the bundle writer writes into.</summary>
    protected TempDirectory Store { get; } = new("ek-store-");

    /// <summary>A folder beside the store that nothing may write into.</summary>
    protected TempDirectory Outside { get; } = new("ek-outside-");

    /// <summary>The bundle writer under attack.</summary>
    protected LocalDirectoryStore Sut { get; }

    public void Dispose()
    {
        Sut.Dispose();
        Store.Dispose();
        Outside.Dispose();
        GC.SuppressFinalize(this);
    }
}
