using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Testing;

/// <summary>
/// A target store that "dies" right after its n-th mutating step (create, flush, rename, delete, directory flush):
/// the step is done, then it and every later call throw, as if the process had been killed at that system call.
/// Steps are counted only once <see cref="Armed"/> says so. A kill at a chosen syscall cannot be produced on demand
/// otherwise; everything below this wrapper is the real bundle writer on a real directory.
/// </summary>
public sealed class KillingStore(ITargetStore inner, int killAfter, Func<string, bool>? armWhen = null) : ITargetStore
{
    private readonly Lock _gate = new();
    private bool _armed = armWhen is null;
    private bool _dead;

    /// <summary>Mutating steps counted since arming.</summary>
    public int Steps { get; private set; }

    /// <summary>True once the store has been killed.</summary>
    public bool Killed => _dead;

    /// <summary>True once counting started.</summary>
    public bool Armed => _armed;

    public TargetKind Kind => inner.Kind;
    public string Location => inner.Location;
    public TargetSpace GetSpace() => Read(inner.GetSpace);
    public bool Exists(string path) => Read(() => inner.Exists(path));
    public void CreateDirectory(string path) => Step(path, () => inner.CreateDirectory(path));
    public Stream Create(string path) => Step(path, () => inner.Create(path));
    public Stream OpenAppend(string path) => Step(path, () => inner.OpenAppend(path));
    public Stream OpenRead(string path) => Read(() => inner.OpenRead(path));
    public long? GetLength(string path) => Read(() => inner.GetLength(path));
    public void Flush(Stream stream) => Step("(flush)", () => inner.Flush(stream));
    public void DropCache(string path) => Read(() => { inner.DropCache(path); return 0; });
    public void Move(string from, string to) => Step(from, () => inner.Move(from, to));
    public void Replace(string from, string to) => Step(from, () => inner.Replace(from, to));
    public void DeleteFile(string path) => Step(path, () => inner.DeleteFile(path));
    public void DeleteDirectory(string path) => Step(path, () => inner.DeleteDirectory(path));
    public void FlushDirectory(string path) => Step(path, () => inner.FlushDirectory(path));
    public IReadOnlyList<string> List(string directory) => Read(() => inner.List(directory));
    public IReadOnlyList<TargetEntry> ListEntries(string directory) => Read(() => inner.ListEntries(directory));
    public void Dispose() => inner.Dispose();

    private T Read<T>(Func<T> action)
    {
        ThrowIfDead();
        return action();
    }

    private void Step(string path, Action action) => Step(path, () =>
    {
        action();
        return 0;
    });

    private T Step<T>(string path, Func<T> action)
    {
        ThrowIfDead();
        lock (_gate)
        {
            _armed |= armWhen?.Invoke(path) ?? false;
        }
        var result = action();
        lock (_gate)
        {
            if (_armed && ++Steps == killAfter)
            {
                _dead = true;
            }
        }
        if (_dead)
        {
            (result as IDisposable)?.Dispose();
        }
        ThrowIfDead();
        return result;
    }

    private void ThrowIfDead()
    {
        if (_dead)
        {
            throw new IOException($"simulated kill after step {killAfter}");
        }
    }
}
