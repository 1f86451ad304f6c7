namespace EvidenceKit.Core.Profiles.Loading;

/// <summary>One profile file the catalog knows about, read only when needed.</summary>
/// <param name="Name">File name without ".yaml".</param>
/// <param name="IsSystem">True under systems/, false under targets/&lt;category&gt;/.</param>
/// <param name="FolderCategory">The category folder of a target file.</param>
/// <param name="Source">"embedded:profiles/..." or the file's path.</param>
/// <param name="ReadText">Reads the file's text.</param>
internal sealed record ProfileEntry(string Name, bool IsSystem, string? FolderCategory, string Source, Func<string> ReadText);
