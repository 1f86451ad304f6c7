namespace EvidenceKit.Core.Verification;

/// <summary>
/// Asks the OS, without opening or following anything, whether an entry that looks like an empty regular file
/// is really a FIFO, socket or device (.NET reports those as ordinary files of length 0).
/// </summary>
internal interface IFileTypeProbe
{
    /// <summary>True when <paramref name="fullPath"/> is a FIFO, socket, character or block device; false when regular or unknown.</summary>
    bool IsSpecial(string fullPath);
}
