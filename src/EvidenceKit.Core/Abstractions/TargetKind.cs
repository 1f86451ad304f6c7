namespace EvidenceKit.Core.Abstractions;

/// <summary>What kind of store a bundle is written to; the manifest names it with <see cref="TargetKinds.Name"/>.</summary>
public enum TargetKind
{
    /// <summary>A directory on a mounted file system (USB stick, disk, mounted share): "directory".</summary>
    Directory,

    /// <summary>A directory on an SFTP server: "sftp".</summary>
    Sftp,
}
