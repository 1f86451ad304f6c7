namespace EvidenceKit.Verifier.Folder;

/// <summary>
/// One entry of a bundle folder as its directory listing gave it: its name for display, its full path (for the report
/// only; it is never opened by path), its name's raw bytes (what it is opened by, relative to the folder's handle), and
/// why it is not verified when that is known from the listing alone (a name that is not UTF-8).
/// </summary>
internal sealed record FolderEntry(string Name, string Path, byte[] RawName, string? NotABundle);
