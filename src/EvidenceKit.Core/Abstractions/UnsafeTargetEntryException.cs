namespace EvidenceKit.Core.Abstractions;

/// <summary>
/// A target path runs through a link or a special file (FIFO, device, socket, a hard-linked file) where the bundle
/// writer expects its own directory or regular file. The store refuses rather than follow it.
/// </summary>
public sealed class UnsafeTargetEntryException : IOException
{
    /// <summary>Creates the refusal for <paramref name="path"/>.</summary>
    public UnsafeTargetEntryException(string path, string what)
        : base($"Refusing {path} on the target: {what}; the bundle writer never follows links or opens special files.")
    {
        Path = path;
    }

    /// <summary>The store-relative path refused.</summary>
    public string Path { get; }
}
