namespace EvidenceKit.Core.Verification;

/// <summary>What a verdict proves, in the plain words every output uses.</summary>
public static class VerificationStatements
{
    /// <summary>An intact unsigned bundle.</summary>
    public const string Unsigned = "unsigned: this proves the files match their manifest, not who collected them or when";

    /// <summary>An intact bag without custody/manifest.json.</summary>
    public const string PlainBag = "plain BagIt bag, no custody manifest";
}
