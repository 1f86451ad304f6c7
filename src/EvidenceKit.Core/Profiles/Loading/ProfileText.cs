using System.Security.Cryptography;
using System.Text;

namespace EvidenceKit.Core.Profiles.Loading;

/// <summary>Builds the <see cref="ProfileDocument"/> record of a file's text.</summary>
internal static class ProfileText
{
    public static ProfileDocument Document(string name, string source, string text) =>
        new(name, source, text, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
}
