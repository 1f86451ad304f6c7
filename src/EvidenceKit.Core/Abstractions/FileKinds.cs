namespace EvidenceKit.Core.Abstractions;

/// <summary>Conversions between st_mode, <see cref="FileKind"/> and the words used in manifests.</summary>
public static class FileKinds
{
    /// <summary>The kind encoded in the S_IFMT bits of a Unix mode.</summary>
    public static FileKind FromMode(uint mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.Symlink,
        0x1000 => FileKind.Fifo,
        0xC000 => FileKind.Socket,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        _ => FileKind.Other,
    };

    /// <summary>"regular", "fifo", "character-device", ...</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "regular",
        FileKind.Directory => "directory",
        FileKind.Symlink => "symlink",
        FileKind.Fifo => "fifo",
        FileKind.Socket => "socket",
        FileKind.CharacterDevice => "character-device",
        FileKind.BlockDevice => "block-device",
        _ => "other",
    };
}
