namespace EvidenceKit.Core.Verification.Checks;

/// <summary>One payload or tag manifest as read: its name, algorithm, and its lines, or why it could not be read.</summary>
internal sealed record ManifestFile(string BagPath, string Algorithm, ManifestLines Lines, string? Problem)
{
    public bool Readable => Problem is null;
}
