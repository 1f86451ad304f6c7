namespace EvidenceKit.Core.Collection;

/// <summary>The words the manifest, the journal and the command line use for a <see cref="CollectionMode"/>.</summary>
public static class CollectionModes
{
    private const string AnalysisName = "analysis";
    private const string ProsecutionName = "prosecution";

    /// <summary>Both names, as a user may give them: "analysis", "prosecution".</summary>
    public static IReadOnlyList<string> Names { get; } = [AnalysisName, ProsecutionName];

    /// <summary>"analysis" or "prosecution".</summary>
    public static string Name(CollectionMode mode) => mode switch
    {
        CollectionMode.Analysis => AnalysisName,
        CollectionMode.Prosecution => ProsecutionName,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>The mode named exactly (ordinal) <paramref name="name"/>, or null for anything else (a manifest's mode is untrusted text).</summary>
    public static CollectionMode? Parse(string? name) => name switch
    {
        AnalysisName => CollectionMode.Analysis,
        ProsecutionName => CollectionMode.Prosecution,
        _ => null,
    };
}
