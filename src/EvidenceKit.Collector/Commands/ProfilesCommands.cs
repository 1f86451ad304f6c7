using System.IO.Abstractions;
using System.Text.Json;
using EvidenceKit.Cli;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Collector.Commands;

/// <summary><c>profiles list</c>, <c>profiles show NAME</c> and <c>profiles check FILE</c>.</summary>
internal sealed class ProfilesCommands(IFileSystem fs, TextWriter output)
{
    private static readonly JsonSerializerOptions Json = new(ManifestJson.WriteOptions);

    public int List(string? profilesDir, bool json)
    {
        var summaries = ProfileResolution.Catalog(fs, profilesDir).List();
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(summaries, Json));
            return ExitCodes.Ok;
        }
        var width = summaries.Count == 0 ? 10 : summaries.Max(s => s.Name.Length) + 2;
        foreach (var s in summaries)
        {
            output.WriteLine($"{s.Name.PadRight(width)}{s.Description}");
            output.WriteLine($"{new string(' ', width)}categories: {string.Join(", ", s.Categories)}");
        }
        return ExitCodes.Ok;
    }

    public int Show(string? profilesDir, string name, bool json)
    {
        var profile = ProfileResolution.Guard(() => ProfileResolution.Catalog(fs, profilesDir).Resolve(name));
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(profile.Targets, Json));
            return ExitCodes.Ok;
        }
        output.WriteLine($"{string.Join(", ", profile.Names)}: {profile.Description}");
        foreach (var t in profile.Targets)
        {
            output.WriteLine($"  {t.Name} ({t.Category}): {t.Description}");
            foreach (var p in t.Paths)
            {
                output.WriteLine($"    {p}");
            }
            foreach (var x in t.Exclude)
            {
                output.WriteLine($"    exclude {x}");
            }
            if (t.MaxFileSize is { } max)
            {
                output.WriteLine($"    max-file-size {EvidenceKit.Core.Collection.Sizes.Format(max)}");
            }
            if (t.Discover is { } d)
            {
                output.WriteLine($"    discover: {d} (reads the program's own configuration for more log paths)");
            }
        }
        return ExitCodes.Ok;
    }

    public int Check(string? profilesDir, string file)
    {
        if (!fs.File.Exists(file))
        {
            throw CliException.BadInput($"{file} does not exist.");
        }
        var profile = ProfileResolution.Guard(() => ProfileResolution.Catalog(fs, profilesDir).Check(file));
        output.WriteLine($"{file}: OK ({profile.Targets.Count} targets)");
        return ExitCodes.Ok;
    }
}
