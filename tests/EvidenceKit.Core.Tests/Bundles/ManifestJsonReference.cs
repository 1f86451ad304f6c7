using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Tests.Bundles;

/// <summary>
/// The reference the manifest's fast paths (compile-time metadata for writing, the hand-written record reader) are held
/// to: the reflection serializer with the manifest's own options, and a record with every field set and hostile text.
/// </summary>
internal static class ManifestJsonReference
{
    /// <summary><see cref="ManifestJson.ReadOptions"/> read through reflection.</summary>
    public static readonly JsonSerializerOptions ReflectionRead = new(ManifestJson.ReadOptions) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary><see cref="ManifestJson.WriteOptions"/> written through reflection.</summary>
    public static readonly JsonSerializerOptions ReflectionWrite = new(ManifestJson.WriteOptions) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary>A record with every field set: escape sequences, quotes, non-ASCII, line separators and extreme numbers.</summary>
    public static FileRecord EveryField() => new()
    {
        Id = "E000042",
        BagPath = "data/var/log/we\"ird\\name \u00e9\u2028\u001b[31m.log",
        SourcePath = "/var/log/we\"ird\\name \u00e9\u2028\u001b[31m.log",
        SourcePathBase64 = "AAEC/w==",
        Size = long.MaxValue,
        Sha256 = new string('a', 64),
        VerifiedCopySha256 = new string('a', 64),
        Sha1 = new string('b', 40),
        Md5 = new string('c', 32),
        Sha512 = new string('d', 128),
        Mtime = "2026-11-24T03:12:45.123456789Z",
        Ctime = "2026-11-24T03:12:45Z",
        Atime = "2026-11-24T03:12:46Z",
        Birthtime = "2026-11-24T03:12:44Z",
        Mode = "100644",
        Uid = uint.MaxValue,
        User = "<script>&amp;'",
        Gid = 0,
        Group = "adm\t\r\n",
        Inode = ulong.MaxValue,
        Device = 2049,
        Links = 1,
        FileType = "regular file",
        AtimePreserved = false,
        Target = "nginx-access",
        DiscoveredFrom = "/etc/nginx/nginx.conf:3",
        Parts = ["\"sha256\":\"x\"", "\ud83d\ude00"],
        Notes = ["grew-during-copy: 1 bytes at open, 2 after", "\u0007bell"],
    };
}
