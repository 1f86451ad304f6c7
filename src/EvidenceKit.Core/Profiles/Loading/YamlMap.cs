using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EvidenceKit.Core.Profiles.Loading;

/// <summary>
/// One YAML mapping of a profile file with the line of every key, read through YamlDotNet's
/// representation model so that every error can name the file and the line.
/// </summary>
internal sealed partial class YamlMap
{
    private readonly List<Entry> entries;

    private YamlMap(string file, int line, List<Entry> entries)
    {
        File = file;
        Line = line;
        this.entries = entries;
    }

    public string File { get; }

    /// <summary>1-based line where the mapping starts.</summary>
    public int Line { get; }

    public IEnumerable<string> Keys => entries.Select(e => e.Key);

    /// <summary>Parses a whole file whose top level must be one mapping.</summary>
    public static YamlMap ParseDocument(string file, string text)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var line = LineOf(e.Start);
            var problem = Describe(e);
            if (problem.StartsWith("Duplicate key", StringComparison.OrdinalIgnoreCase))
            {
                var lineText = text.Split('\n').ElementAtOrDefault(line - 1) ?? string.Empty;
                throw ProfileErrors.DuplicateKey(file, line, lineText.Split(':')[0].Trim().TrimStart('-', ' ').Trim('"', '\''));
            }

            throw ProfileErrors.Syntax(file, line, problem);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some malformed flow collections; report where parsing stopped.
            var line = parser.Current is { } token ? LineOf(token.End) : 1;
            throw ProfileErrors.Syntax(file, line, "a [ or { is not closed");
        }

        if (stream.Documents.Count == 0)
        {
            throw ProfileErrors.Empty(file);
        }

        if (stream.Documents.Count > 1)
        {
            throw ProfileErrors.SeveralDocuments(file, LineOf(stream.Documents[1].RootNode.Start));
        }

        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode scalar && IsNull(scalar))
        {
            throw ProfileErrors.Empty(file);
        }

        return root is YamlMappingNode mapping ? FromNode(file, mapping) : throw ProfileErrors.NotAMapping(file, LineOf(root.Start));
    }

    public static YamlMap FromNode(string file, YamlMappingNode node)
    {
        var list = new List<Entry>();
        foreach (var (keyNode, value) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                throw ProfileErrors.KeyNotText(file, LineOf(keyNode.Start));
            }

            var line = LineOf(keyNode.Start);
            if (list.Any(e => e.Key == key))
            {
                throw ProfileErrors.DuplicateKey(file, line, key);
            }

            list.Add(new Entry(key, value, line));
        }

        return new YamlMap(file, LineOf(node.Start), list);
    }

    public static int LineOf(Mark mark) => (int)Math.Max(1, mark.Line);

    /// <summary>True for a missing value: nothing, '~' or 'null' written plainly.</summary>
    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain
        && (scalar.Value is null || scalar.Value.Length == 0 || scalar.Value is "~" or "null" or "Null" or "NULL");

    public bool Has(string key) => entries.Any(e => e.Key == key);

    public int LineOfKey(string key) => entries.FirstOrDefault(e => e.Key == key)?.Line ?? Line;

    public void RejectUnknownKeys(IReadOnlyList<string> allowed)
    {
        var unknown = entries.FirstOrDefault(e => !allowed.Contains(e.Key));
        if (unknown is not null)
        {
            throw ProfileErrors.UnknownKey(File, unknown.Line, unknown.Key, allowed);
        }
    }

    public YamlNode? Node(string key) => entries.FirstOrDefault(e => e.Key == key)?.Value;

    /// <summary>A required, non-empty text value.</summary>
    public (string Value, int Line) RequiredText(string key, string what)
    {
        var entry = entries.FirstOrDefault(e => e.Key == key)
            ?? throw ProfileErrors.MissingKey(File, Line, key, what);
        return (TextOf(entry, what), entry.Line);
    }

    /// <summary>An optional text value; null when absent.</summary>
    public (string Value, int Line)? OptionalText(string key, string what)
    {
        var entry = entries.FirstOrDefault(e => e.Key == key);
        return entry is null ? null : (TextOf(entry, what), entry.Line);
    }

    /// <summary>A list of non-empty texts; a missing key gives null. A lone value is a type error.</summary>
    public (IReadOnlyList<(string Value, int Line)> Items, int Line)? TextList(string key, string what)
    {
        var entry = entries.FirstOrDefault(e => e.Key == key);
        if (entry is null)
        {
            return null;
        }

        if (entry.Value is YamlScalarNode scalar && IsNull(scalar))
        {
            return ([], entry.Line);
        }

        if (entry.Value is not YamlSequenceNode sequence)
        {
            throw ProfileErrors.WrongType(File, entry.Line, key, $"a list of {what}, like [{Example(key)}]");
        }

        var items = new List<(string, int)>();
        foreach (var item in sequence.Children)
        {
            var line = LineOf(item.Start);
            if (item is not YamlScalarNode itemScalar || IsNull(itemScalar))
            {
                throw ProfileErrors.WrongType(File, line, key, $"a list of {what}; each item must be one text value");
            }

            items.Add((itemScalar.Value!, line));
        }

        return (items, entry.Line);
    }

    /// <summary>The items of a list whose entries may be of several shapes; a missing key gives null.</summary>
    public (IReadOnlyList<YamlNode> Items, int Line)? NodeList(string key, string what)
    {
        var entry = entries.FirstOrDefault(e => e.Key == key);
        if (entry is null)
        {
            return null;
        }

        if (entry.Value is YamlScalarNode scalar && IsNull(scalar))
        {
            return ([], entry.Line);
        }

        return entry.Value is YamlSequenceNode sequence
            ? (sequence.Children.ToList(), entry.Line)
            : throw ProfileErrors.WrongType(File, entry.Line, key, $"a list of {what}");
    }

    private string TextOf(Entry entry, string what)
    {
        if (entry.Value is not YamlScalarNode scalar)
        {
            throw ProfileErrors.WrongType(File, entry.Line, entry.Key, $"{what} (one text value), not a list or a mapping");
        }

        if (IsNull(scalar) || string.IsNullOrWhiteSpace(scalar.Value))
        {
            throw ProfileErrors.EmptyValue(File, entry.Line, entry.Key);
        }

        return scalar.Value!;
    }

    private static string Example(string key) => key switch
    {
        "paths" => "/var/log/app/**",
        "exclude" => "\"**/*.tmp\"",
        "include" => "linux-base",
        "targets" => "nginx",
        _ => "...",
    };

    private static string Describe(YamlException e)
    {
        // YamlDotNet puts "(Line: 3, Col: 5, Idx: 20) - (Line: ...): " in front of the problem; the line is given separately.
        var problem = LocationPrefix().Replace(e.Message, string.Empty).Trim();
        return problem.Length == 0 ? "the YAML structure is broken here" : problem;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex LocationPrefix();

    private sealed record Entry(string Key, YamlNode Value, int Line);
}
