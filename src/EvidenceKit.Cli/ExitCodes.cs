using EvidenceKit.Core.Verification;

namespace EvidenceKit.Cli;

/// <summary>
/// The one table of exit codes of both executables (README.md, "Exit codes"; ARCHITECTURE.md). Every command returns
/// one of these; the verifier maps a verdict through <see cref="Of"/>.
/// </summary>
public static class ExitCodes
{
    /// <summary>Collector: sealed, everything collected. Verifier: VALID.</summary>
    public const int Ok = 0;

    /// <summary>Collector: failed, no sealed bundle. Verifier: INVALID.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: arguments, configuration, profile, key. Verifier: ERROR (not a bundle, or an unexpected error).</summary>
    public const int BadInput = 2;

    /// <summary>Collector: sealed with skipped or failed files. Verifier: UNTRUSTED / INCOMPLETE.</summary>
    public const int Partial = 3;

    /// <summary>Interrupted (Ctrl-C); the partial bundle stays, resumable.</summary>
    public const int Interrupted = 130;

    /// <summary>The verifier's exit code for a verdict: 0 VALID, 1 INVALID, 2 ERROR, 3 UNTRUSTED or INCOMPLETE.</summary>
    public static int Of(Verdict verdict) => verdict switch
    {
        Verdict.Valid => Ok,
        Verdict.Invalid => Failed,
        Verdict.Error => BadInput,
        _ => Partial,
    };
}
