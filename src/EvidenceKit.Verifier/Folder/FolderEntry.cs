namespace EvidenceKit.Verifier.Folder;

/// <summary>One entry of a bundle folder: its name, full path, and why it is not a bundle (null for a directory).</summary>
internal sealed record FolderEntry(string Name, string Path, string? NotABundle);
