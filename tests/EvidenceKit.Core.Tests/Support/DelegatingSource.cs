namespace EvidenceKit.Core.Tests.Support;

/// <summary>A source port that forwards everything to a real one; tests override the member they inject faults into.</summary>
internal abstract class DelegatingSource(ISourceFiles inner) : ISourceFiles
{
    protected ISourceFiles Inner { get; } = inner;

    public string Root => Inner.Root;

    public virtual SourceFileInfo? Stat(string hostPath) => Inner.Stat(hostPath);

    public virtual SourceStream OpenRead(string hostPath) => Inner.OpenRead(hostPath);

    public virtual IReadOnlyList<SourceEntry> List(string hostDir) => Inner.List(hostDir);

    public virtual byte[] ReadAll(string hostPath, int maxBytes) => Inner.ReadAll(hostPath, maxBytes);
}
