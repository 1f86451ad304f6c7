namespace EvidenceKit.Core.Verification.Snapshot;

/// <summary>Opens the <see cref="IBagFiles"/> port on a bag; the composition root picks the adapter (directory handles on Linux).</summary>
public interface IBagFilesFactory
{
    /// <summary>The bag at <paramref name="root"/> (a full path), ready to be walked.</summary>
    /// <exception cref="IOException">The root cannot be opened as a directory.</exception>
    IBagFiles Open(string root);
}
