namespace EvidenceKit.Cli;

/// <summary>The documented exit codes (DESIGN.md) of both executables.</summary>
public static class ExitCodes
{
    /// <summary>Collector: sealed, everything collected. Verifier: VALID.</summary>
    public const int Ok = 0;

    /// <summary>Collector: failed, no sealed bundle. Verifier: INVALID.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: arguments, configuration, profile, key; verifier: ERROR.</summary>
    public const int BadInput = 2;

    /// <summary>Collector: sealed with skipped or failed files. Verifier: UNTRUSTED / INCOMPLETE.</summary>
    public const int Partial = 3;

    /// <summary>Interrupted (Ctrl-C); the partial bundle stays, resumable.</summary>
    public const int Interrupted = 130;
}
