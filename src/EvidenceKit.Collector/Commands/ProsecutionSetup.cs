using EvidenceKit.Cli;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection;

namespace EvidenceKit.Collector.Commands;

/// <summary>What prosecution mode needs before anything is read: case, examiner, a usable key. Null in analysis mode.</summary>
internal sealed record ProsecutionSetup(ExaminerRecord Examiner, ISigner Signer, ITimestamper? Timestamper)
{
    public static ProsecutionSetup? Prepare(CollectSettings settings, TimeProvider time)
    {
        if (settings.Mode != CollectionMode.Prosecution)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(settings.Case))
        {
            throw CliException.BadInput("Prosecution mode needs a case id: add --case ID (the id your incident or legal team uses).");
        }
        if (string.IsNullOrWhiteSpace(settings.Examiner))
        {
            throw CliException.BadInput("Prosecution mode needs the examiner's name: add --examiner \"First Last\".");
        }
        if (string.IsNullOrWhiteSpace(settings.Key))
        {
            throw CliException.BadInput("Prosecution mode needs the examiner's signing key: add --key FILE.p12 (make one with 'evidencekit-collect keygen --examiner NAME --org ORG --out FILE.p12').");
        }
        throw CliException.BadInput("Prosecution mode is not available in this build yet.");
    }
}
