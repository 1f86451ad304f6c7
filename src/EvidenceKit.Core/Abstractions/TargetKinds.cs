namespace EvidenceKit.Core.Abstractions;

/// <summary>The words the manifest uses for a <see cref="TargetKind"/> (target.kind).</summary>
public static class TargetKinds
{
    /// <summary>"directory" or "sftp".</summary>
    public static string Name(TargetKind kind) => kind switch
    {
        TargetKind.Directory => "directory",
        TargetKind.Sftp => "sftp",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
