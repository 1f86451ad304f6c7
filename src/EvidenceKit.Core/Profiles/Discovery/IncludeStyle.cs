namespace EvidenceKit.Core.Profiles.Discovery;

/// <summary>How one server's include directive reads (see <see cref="ConfigTree.Include"/>).</summary>
/// <param name="Keyword">The directive as warnings name it: "Include", "include".</param>
/// <param name="WarnWhenWildcardMatchesNothing">True where the server itself refuses a wildcard that matches nothing (Apache).</param>
/// <param name="Directories">What an included directory stands for.</param>
internal sealed record IncludeStyle(string Keyword, bool WarnWhenWildcardMatchesNothing, IncludedDirectory Directories);
