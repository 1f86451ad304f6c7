namespace EvidenceKit.Core.Verification;

/// <summary>The overall judgement on a bundle; the executables map it to an exit code in one table (EvidenceKit.Cli's ExitCodes).</summary>
public enum Verdict
{
    /// <summary>Exit code 0: intact, and when signed or required the signature verifies and is trusted.</summary>
    Valid,

    /// <summary>Exit code 1: something is tampered, missing, extra or malformed.</summary>
    Invalid,

    /// <summary>Exit code 2: the path is not a bundle (or the verifier could not run).</summary>
    Error,

    /// <summary>Exit code 3: intact, but unsigned where a signature is required, or the signer is not trusted.</summary>
    Untrusted,

    /// <summary>Exit code 3: a .partial bundle that was never sealed; the finished files are listed.</summary>
    Incomplete,
}
