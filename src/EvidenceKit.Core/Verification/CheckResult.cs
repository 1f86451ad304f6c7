namespace EvidenceKit.Core.Verification;

/// <summary>The result of one named check.</summary>
/// <param name="Name">The check's name, one of <see cref="CheckNames"/>.</param>
/// <param name="Outcome">Pass, Fail, Warn or Skip.</param>
/// <param name="Detail">One sentence on what was found.</param>
/// <param name="Items">Exact findings, one per file or line: which file, which line, expected and actual values.</param>
public sealed record CheckResult(string Name, CheckOutcome Outcome, string Detail, IReadOnlyList<string> Items);
