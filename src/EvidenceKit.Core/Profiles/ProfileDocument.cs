namespace EvidenceKit.Core.Profiles;

/// <summary>The text of one profile or target file as it was read.</summary>
/// <param name="Name">The profile or target name.</param>
/// <param name="Source">"embedded:profiles/..." or the file's path.</param>
/// <param name="Text">Full text.</param>
/// <param name="Sha256">SHA-256 of the text's UTF-8 bytes, lower-case hex.</param>
public sealed record ProfileDocument(string Name, string Source, string Text, string Sha256);
