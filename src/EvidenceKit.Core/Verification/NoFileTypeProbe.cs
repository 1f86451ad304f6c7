namespace EvidenceKit.Core.Verification;

/// <summary>For file systems that cannot hold special files (in-memory test file systems).</summary>
internal sealed class NoFileTypeProbe : IFileTypeProbe
{
    public bool IsSpecial(string fullPath) => false;
}
