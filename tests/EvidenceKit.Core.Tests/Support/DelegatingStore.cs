namespace EvidenceKit.Core.Tests.Support;

/// <summary>A target store that passes everything to another; fault-injecting stores override what they break.</summary>
internal abstract class DelegatingStore(ITargetStore inner) : ITargetStore
{
    public TargetKind Kind => inner.Kind;
    public string Location => inner.Location;
    public virtual TargetSpace GetSpace() => inner.GetSpace();
    public bool Exists(string path) => inner.Exists(path);
    public void CreateDirectory(string path) => inner.CreateDirectory(path);
    public virtual Stream Create(string path) => inner.Create(path);
    public virtual Stream OpenAppend(string path) => inner.OpenAppend(path);
    public virtual Stream OpenRead(string path) => inner.OpenRead(path);
    public long? GetLength(string path) => inner.GetLength(path);
    public void Flush(Stream stream) => inner.Flush(stream);
    public void DropCache(string path) => inner.DropCache(path);
    public void Move(string from, string to) => inner.Move(from, to);
    public void DeleteFile(string path) => inner.DeleteFile(path);
    public virtual void Replace(string from, string to) => inner.Replace(from, to);
    public virtual void DeleteDirectory(string path) => inner.DeleteDirectory(path);
    public virtual void FlushDirectory(string path) => inner.FlushDirectory(path);
    public IReadOnlyList<string> List(string directory) => inner.List(directory);
    public IReadOnlyList<TargetEntry> ListEntries(string directory) => inner.ListEntries(directory);
    public void Dispose() => inner.Dispose();
}
