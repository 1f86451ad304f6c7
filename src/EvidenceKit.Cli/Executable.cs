namespace EvidenceKit.Cli;

/// <summary>
/// What differs between the two executables at the top level: the name errors start with, and the exit code of an
/// unexpected error (collector: 1, the run failed; verifier: 2, ERROR).
/// </summary>
/// <param name="Name">The executable's name, e.g. <c>evidencekit-verify</c>.</param>
/// <param name="UnexpectedError">The exit code of an exception no command turned into a <see cref="CliException"/>.</param>
public sealed record Executable(string Name, int UnexpectedError);
