using System.IO.Abstractions;
using EvidenceKit.Cli;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Targets.Sftp;

namespace EvidenceKit.Collector.Commands;

/// <summary>
/// An interrupted bundle named by --resume: the store holding it, its name, and what its first run was asked to do.
/// <see cref="Info"/> is null when the run stopped after its seal was complete (resume.json already removed, tag
/// manifest written): then the resume only renames it.
/// </summary>
internal sealed record PartialBundle(ITargetStore Store, string StoreRoot, string Name, ResumeInfo? Info)
{
    /// <summary>The sealed name: the .partial's own name without the suffix.</summary>
    public string FinalName => Name[..^BundleLayout.PartialSuffix.Length];

    /// <summary>Opens a local path or an sftp:// URL of a NAME.partial bundle; SFTP options come from <paramref name="settings"/>.</summary>
    public static PartialBundle Open(IFileSystem fs, string path, CollectSettings settings)
    {
        var trimmed = path.TrimEnd('/');
        var cut = trimmed.LastIndexOf('/');
        var name = trimmed[(cut + 1)..];
        if (!name.EndsWith(BundleLayout.PartialSuffix, StringComparison.Ordinal) || name.Length == BundleLayout.PartialSuffix.Length)
        {
            throw CliException.BadInput($"--resume takes the path of an interrupted bundle (a directory ending in {BundleLayout.PartialSuffix}); {path} is not one.");
        }
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
            if (!store.Exists(name + "/" + BundleLayout.ResumeInfo))
            {
                if (BundleSealer.SealIsComplete(store, name))
                {
                    return new PartialBundle(store, storeRoot, name, null);
                }
                throw CliException.BadInput($"{path} has no {BundleLayout.ResumeInfo}; it was not written by evidencekit-collect, or its first run stopped before copying anything (delete it and collect again).");
            }
            var bytes = BoundedTargetReads.ReadAll(store, name + "/" + BundleLayout.ResumeInfo, BoundedTargetReads.MaxResumeInfoBytes);
            var info = ManifestJson.FromUtf8<ResumeInfo>(bytes);
            var bundle = new PartialBundle(store, storeRoot, name, info);
            if (info.FinalName != bundle.FinalName)
            {
                throw CliException.BadInput($"{path}/{BundleLayout.ResumeInfo} names another bundle ({info.FinalName}); it was edited or moved. Collect again into a new bundle.");
            }
            return bundle;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException or UnsafeTargetEntryException or ArgumentException)
        {
            store.Dispose();
            throw CliException.BadInput($"{path}/{BundleLayout.ResumeInfo} cannot be used ({e.Message}); collect again into a new bundle.", e);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }
}
