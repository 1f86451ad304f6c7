namespace EvidenceKit.Core.Abstractions;

/// <summary>
/// The one port through which the evidence source is read. Every path is a <em>host path</em> ("/var/log/syslog",
/// the path as the collected host sees it) resolved inside <see cref="Root"/> like a chroot: ".." stops at the
/// root, and a symbolic link anywhere in the middle of the path is resolved inside the root, never outside. The
/// final component is never followed. Names are bytes: a name that is not valid UTF-8 travels as a raw string
/// (<see cref="Text.RawNames"/>). Reads leave access times alone where the OS allows it
/// (<see cref="SourceStream.AtimePreserved"/>), open only regular files and never block on a FIFO or device.
/// Every failure is a <see cref="SourceFileException"/> naming the host path, so a caller can record it and go on.
/// </summary>
public interface ISourceFiles
{
    /// <summary>The directory on this machine that host path "/" stands for ("/" for the live host).</summary>
    string Root { get; }

    /// <summary>Metadata of <paramref name="hostPath"/> without following a final symlink.</summary>
    /// <returns>Null only when the path does not exist (ENOENT, or a component that is not a directory).</returns>
    /// <exception cref="SourceFileException">Any other failure: permission denied on a parent, a link loop, a name too long, an I/O error.</exception>
    SourceFileInfo? Stat(string hostPath);

    /// <summary>Opens a regular file read-only, non-blocking at open, with O_NOATIME where the OS allows.</summary>
    /// <exception cref="SourceFileException">Not a regular file (checked on the opened handle), vanished, or any other failure.</exception>
    SourceStream OpenRead(string hostPath);

    /// <summary>The entries of the directory <paramref name="hostDir"/> ("." and ".." left out), read through its own handle.</summary>
    /// <exception cref="SourceFileException">Absent (<see cref="SourceFault.Vanished"/>), not a directory, unreadable, ...</exception>
    IReadOnlyList<SourceEntry> List(string hostDir);

    /// <summary>Reads a whole regular file of at most <paramref name="maxBytes"/> bytes (configs, identity files).</summary>
    /// <exception cref="SourceFileException">Larger than <paramref name="maxBytes"/> (<see cref="SourceFault.TooLarge"/>), not regular, ...</exception>
    byte[] ReadAll(string hostPath, int maxBytes);
}
