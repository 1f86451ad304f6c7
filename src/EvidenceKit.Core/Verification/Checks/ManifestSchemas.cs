namespace EvidenceKit.Core.Verification.Checks;

/// <summary>The custody manifest schemas this verifier knows.</summary>
internal static class ManifestSchemas
{
    /// <summary>Bundles sealed before every tag file had to be covered by a signature.</summary>
    public const string V1 = "https://evidencekit.dev/schema/custody-manifest/v1";

    /// <summary>Bundles whose event 1 also links VERIFY.txt and the manifest's time-stamp token: everything is signed.</summary>
    public const string V2 = "https://evidencekit.dev/schema/custody-manifest/v2";

    /// <summary>Bundles whose records are in custody/files.jsonl, bound by SHA-256, length and count in manifest.json.</summary>
    public const string V3 = "https://evidencekit.dev/schema/custody-manifest/v3";

    public static bool IsKnown(string? schema) => schema is V1 or V2 or V3;
}
