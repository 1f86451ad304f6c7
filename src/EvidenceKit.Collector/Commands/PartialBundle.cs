using System.IO.Abstractions;
using EvidenceKit.Cli;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Collector.Commands;

/// <summary>An interrupted bundle named by --resume: where it is and what its first run was asked to do.</summary>
internal sealed record PartialBundle(string StoreRoot, string Name, ResumeInfo Info)
{
    public static PartialBundle Open(IFileSystem fs, string path)
    {
        var full = fs.Path.TrimEndingDirectorySeparator(fs.Path.GetFullPath(path));
        if (!full.EndsWith(BundleLayout.PartialSuffix, StringComparison.Ordinal) || !fs.Directory.Exists(full))
        {
            throw CliException.BadInput($"--resume takes the path of an interrupted bundle (a directory ending in {BundleLayout.PartialSuffix}); {path} is not one.");
        }
        var infoPath = fs.Path.Combine(full, BundleLayout.ResumeInfo);
        if (!fs.File.Exists(infoPath))
        {
            throw CliException.BadInput($"{path} has no {BundleLayout.ResumeInfo}; it was not written by evidencekit-collect, or its first run stopped before copying anything (delete it and collect again).");
        }
        try
        {
            var info = ManifestJson.FromUtf8<ResumeInfo>(fs.File.ReadAllBytes(infoPath));
            return new PartialBundle(fs.Path.GetDirectoryName(full)!, fs.Path.GetFileName(full), info);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw CliException.BadInput($"{infoPath} is damaged ({e.Message}); collect again into a new bundle.", e);
        }
    }
}
