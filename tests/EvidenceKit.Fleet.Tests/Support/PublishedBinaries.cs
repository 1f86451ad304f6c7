using EvidenceKit.Testing;

namespace EvidenceKit.Fleet.Tests.Support;

/// <summary>
/// The self-contained single-file collector and verifier that the playbook copies to the hosts and runs on the
/// controller: the one publish of the current sources that every test shares (<see cref="PublishedExecutables"/>,
/// README's publish command), read only.
/// </summary>
public sealed class PublishedBinaries
{
    public string Dir { get; } = PublishedExecutables.Folder;

    public string Collector => Path.Combine(Dir, "evidencekit-collect");

    public string Verifier => Path.Combine(Dir, "evidencekit-verify");
}
