namespace EvidenceKit.Core.Verification;

/// <summary>How one check came out.</summary>
public enum CheckOutcome
{
    /// <summary>The check ran and found nothing wrong.</summary>
    Pass,

    /// <summary>The bundle is tampered, incomplete in a way it must not be, or malformed: the verdict is INVALID.</summary>
    Fail,

    /// <summary>Intact, but not proven: unsigned where a signature is required, an untrusted signer, or a partial bundle.</summary>
    Warn,

    /// <summary>The check did not apply or could not run (the detail says why); it does not change the verdict.</summary>
    Skip,
}
