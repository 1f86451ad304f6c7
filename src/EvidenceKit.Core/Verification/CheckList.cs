namespace EvidenceKit.Core.Verification;

/// <summary>The checks of one run, in order, with helpers that keep details and items uniform.</summary>
internal sealed class CheckList
{
    private readonly List<CheckResult> _results = [];

    public IReadOnlyList<CheckResult> Results => _results;

    public void Add(string name, CheckOutcome outcome, string detail, IReadOnlyList<string>? items = null) =>
        _results.Add(new CheckResult(name, outcome, detail, items ?? []));

    /// <summary>Pass with <paramref name="passDetail"/> when there are no findings, else Fail with <paramref name="failDetail"/> and them.</summary>
    public void PassOrFail(string name, IReadOnlyList<string> findings, string passDetail, string failDetail) =>
        Add(name, findings.Count == 0 ? CheckOutcome.Pass : CheckOutcome.Fail, findings.Count == 0 ? passDetail : failDetail, findings);

    /// <summary>A path as it may be shown: control characters escaped, never raw.</summary>
    public static string Show(string path) => path.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') < 0 && !path.AsSpan().ContainsAnyInRange('\u007f', '\u009f')
        ? "'" + path + "'"
        : "'" + string.Concat(path.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) + "'";

    /// <summary>"1 file" or "2 files".</summary>
    public static string Count(long n, string noun, string? plural = null) => n == 1 ? $"1 {noun}" : $"{n} {plural ?? noun + "s"}";
}
