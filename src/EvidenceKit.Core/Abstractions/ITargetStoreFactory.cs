namespace EvidenceKit.Core.Abstractions;

/// <summary>Opens the bundle writer on a directory of a mounted file system; the composition root picks the adapter.</summary>
public interface ITargetStoreFactory
{
    /// <summary>A store whose root is <paramref name="root"/> (which must exist).</summary>
    ITargetStore OpenDirectory(string root);
}
