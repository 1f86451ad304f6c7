using System.IO.Abstractions;
using EvidenceKit.Cli;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Targets.Sftp;

namespace EvidenceKit.Collector.Commands;

/// <summary>An interrupted bundle named by --resume: the store holding it, its name, and what its first run was asked to do.</summary>
internal sealed record PartialBundle(ITargetStore Store, string StoreRoot, string Name, ResumeInfo Info)
{
    /// <summary>Opens a local path or an sftp:// URL of a NAME.partial bundle; SFTP options come from <paramref name="settings"/>.</summary>
    public static PartialBundle Open(IFileSystem fs, string path, CollectSettings settings)
    {
        var trimmed = path.TrimEnd('/');
        if (!trimmed.EndsWith(BundleLayout.PartialSuffix, StringComparison.Ordinal))
        {
            throw CliException.BadInput($"--resume takes the path of an interrupted bundle (a directory ending in {BundleLayout.PartialSuffix}); {path} is not one.");
        }
        var cut = trimmed.LastIndexOf('/');
        var name = trimmed[(cut + 1)..];
        string storeRoot;
        ITargetStore store;
        if (SftpTargetUri.IsSftp(trimmed))
        {
            storeRoot = trimmed[..cut];
            store = TargetStores.OpenSftp(settings, storeRoot, null);
        }
        else
        {
            var full = fs.Path.GetFullPath(trimmed);
            if (!fs.Directory.Exists(full))
            {
                throw CliException.BadInput($"{path} does not exist.");
            }
            storeRoot = fs.Path.GetDirectoryName(full)!;
            store = TargetStores.OpenDirectory(fs, storeRoot);
        }

        try
        {
            if (store.GetLength(name + "/" + BundleLayout.ResumeInfo) is null)
            {
                throw CliException.BadInput($"{path} has no {BundleLayout.ResumeInfo}; it was not written by evidencekit-collect, or its first run stopped before copying anything (delete it and collect again).");
            }
            using var stream = store.OpenRead(name + "/" + BundleLayout.ResumeInfo);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var info = ManifestJson.FromUtf8<ResumeInfo>(buffer.ToArray());
            return new PartialBundle(store, storeRoot, name, info);
        }
        catch (System.Text.Json.JsonException e)
        {
            store.Dispose();
            throw CliException.BadInput($"{path}/{BundleLayout.ResumeInfo} is damaged ({e.Message}); collect again into a new bundle.", e);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }
}
