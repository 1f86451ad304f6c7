namespace EvidenceKit.Fleet.Tests.Support;

/// <summary>One thing root on a compromised host tried against the evidence server, and how it ended.</summary>
/// <param name="What">What was tried, in words.</param>
/// <param name="ShouldWork">True for the control (the host's own account, its own folder): it must work, or the refusals prove nothing.</param>
/// <param name="ExitCode">sftp's exit code (0: every command of the batch succeeded).</param>
/// <param name="Output">What sftp printed.</param>
public sealed record AttackAttempt(string What, bool ShouldWork, int ExitCode, string Output);
