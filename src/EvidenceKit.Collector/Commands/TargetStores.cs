using System.IO.Abstractions;
using EvidenceKit.Cli;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Platform;

namespace EvidenceKit.Collector.Commands;

/// <summary>Opens the target named by --target: a local directory (which must exist) or an SFTP server.</summary>
internal static class TargetStores
{
    public static ITargetStore Open(IFileSystem fs, CollectSettings settings)
    {
        var target = settings.Target;
        var full = fs.Path.GetFullPath(target);
        if (!fs.Directory.Exists(full))
        {
            throw CliException.BadInput($"The target directory {target} does not exist. Mount the evidence drive and create the directory (mkdir -p {target}), then run again.");
        }
        return new LocalDirectoryStore(fs, full);
    }
}
