using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Profiles.Loading;

/// <summary>Builds the <see cref="ProfileDocument"/> record of a file's text.</summary>
internal static class ProfileText
{
    public static ProfileDocument Document(string name, string source, string text) =>
        new(name, source, text, Hex.Sha256(text));
}
