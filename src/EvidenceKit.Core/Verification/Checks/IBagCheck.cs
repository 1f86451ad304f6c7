namespace EvidenceKit.Core.Verification.Checks;

/// <summary>One step of a verification: judges (part of) the snapshot and adds its results to the context's check list.</summary>
internal interface IBagCheck
{
    void Run(VerificationContext context);
}
