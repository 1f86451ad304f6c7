namespace EvidenceKit.Core.Profiles.Discovery;

/// <summary>What a server reads when an include names a directory.</summary>
internal enum IncludedDirectory
{
    /// <summary>Nothing: a directory is not a configuration file (nginx).</summary>
    NotRead,

    /// <summary>The files directly in it (rsyslog).</summary>
    FilesIn,

    /// <summary>Every file under it, recursively (Apache).</summary>
    FilesUnder,
}
