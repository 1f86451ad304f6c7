using System.IO.Abstractions;
using System.Text.Json;
using EvidenceKit.Cli;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Collector.Commands;

/// <summary><c>profiles list</c>, <c>profiles show NAME</c> and <c>profiles check FILE</c>.</summary>
internal sealed class ProfilesCommands(IFileSystem fs)
{
    private static readonly JsonSerializerOptions Json = new(ManifestJson.WriteOptions);

    public int List(string? profilesDir, bool json)
    {
        var summaries = ProfileResolution.Catalog(fs, profilesDir).List();
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(summaries, Json));
            return ExitCodes.Ok;
        }
        var width = summaries.Count == 0 ? 10 : summaries.Max(s => s.Name.Length) + 2;
        foreach (var s in summaries)
        {
            Console.Out.WriteLine($"{s.Name.PadRight(width)}{s.Description}");
            Console.Out.WriteLine($"{new string(' ', width)}categories: {string.Join(", ", s.Categories)}");
        }
        return ExitCodes.Ok;
    }

    public int Show(string? profilesDir, string name, bool json)
    {
        var profile = ProfileResolution.Guard(() => ProfileResolution.Catalog(fs, profilesDir).Resolve(name));
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(profile.Targets, Json));
            return ExitCodes.Ok;
        }
        Console.Out.WriteLine($"{string.Join(", ", profile.Names)}: {profile.Description}");
        foreach (var t in profile.Targets)
        {
            Console.Out.WriteLine($"  {t.Name} ({t.Category}): {t.Description}");
            foreach (var p in t.Paths)
            {
                Console.Out.WriteLine($"    {p}");
            }
            foreach (var x in t.Exclude)
            {
                Console.Out.WriteLine($"    exclude {x}");
            }
            if (t.MaxFileSize is { } max)
            {
                Console.Out.WriteLine($"    max-file-size {EvidenceKit.Core.Collection.Sizes.Format(max)}");
            }
            if (t.Discover is { } d)
            {
                Console.Out.WriteLine($"    discover: {d} (reads the program's own configuration for more log paths)");
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
        Console.Out.WriteLine($"{file}: OK ({profile.Targets.Count} targets)");
        return ExitCodes.Ok;
    }
}
