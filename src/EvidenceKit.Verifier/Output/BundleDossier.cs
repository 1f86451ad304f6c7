using System.IO.Abstractions;
using System.Text.Json;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Text;
using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier.Output;

/// <summary>Everything the custody report and the CASE export say about one bundle, read once after verification.</summary>
internal sealed record BundleDossier(
    string BundleName,
    VerificationReport Report,
    CustodyManifest? Manifest,
    string? ManifestSha256,
    string? SignatureSha256,
    CustodyChainResult Chain,
    TimestampVerification? ManifestTimestamp,
    string VerifierVersion,
    DateTimeOffset VerifiedAt)
{
    private const long MaxManifestBytes = 256L * 1024 * 1024;

    public static BundleDossier Load(IFileSystem fileSystem, string bundlePath, VerificationReport report, ISignatureVerifier signatures,
        ITimestampVerifier? timestamps, VerificationOptions options, string verifierVersion, DateTimeOffset verifiedAt)
    {
        var root = fileSystem.Path.GetFullPath(bundlePath);
        var manifestBytes = ReadRegular(fileSystem, root, BundleLayout.ManifestJson, MaxManifestBytes);
        var signature = ReadRegular(fileSystem, root, BundleLayout.ManifestSignature, CustodyChainRules.MaxSignatureBytes);
        var token = ReadRegular(fileSystem, root, BundleLayout.ManifestTimestamp, CustodyChainRules.MaxSignatureBytes);
        CustodyManifest? manifest = null;
        if (manifestBytes is not null)
        {
            try
            {
                manifest = ManifestJson.FromUtf8<CustodyManifest>(manifestBytes);
            }
            catch (JsonException)
            {
                manifest = null;
            }
        }
        var chain = new CustodyChainVerifier(fileSystem, signatures, timestamps, options.Trust, options.TsaTrust).Verify(root);
        var stamp = token is not null && signature is not null && timestamps is not null
            ? timestamps.Verify(token, signature, options.TsaTrust)
            : null;
        var name = fileSystem.Path.GetFileName(fileSystem.Path.TrimEndingDirectorySeparator(root));
        return new BundleDossier(name, report, manifest,
            manifestBytes is null ? null : Hex.Sha256(manifestBytes),
            signature is null ? null : Hex.Sha256(signature),
            chain, stamp, verifierVersion, verifiedAt);
    }

    /// <summary>Reads a bag file only when it is a regular file (never a link out of the bundle) and small enough.</summary>
    private static byte[]? ReadRegular(IFileSystem fileSystem, string root, string bagPath, long maxBytes)
    {
        var path = fileSystem.Path.Combine(root, bagPath);
        var info = fileSystem.FileInfo.New(path);
        if (!info.Exists || info.LinkTarget is not null || info.Length > maxBytes)
        {
            return null;
        }
        try
        {
            return fileSystem.File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
