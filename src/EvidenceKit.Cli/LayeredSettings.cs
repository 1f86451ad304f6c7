using Microsoft.Extensions.Configuration;

namespace EvidenceKit.Cli;

/// <summary>
/// Settings layered as ARCHITECTURE.md and README.md ("Configuration") say: built-in defaults, then evidencekit.json next to the binary, then in the
/// working directory, then a --config file, then EVIDENCEKIT_* environment variables, then the command line.
/// Keys are compared without case, dashes or underscores, so "maxFileSize", "max-file-size" and
/// EVIDENCEKIT_MAX_FILE_SIZE name the same setting. Secrets never come from here (see <see cref="Secrets"/>).
/// </summary>
public sealed class LayeredSettings
{
    private static readonly HashSet<string> SecretKeys = ["keypassphrase", "sshkeypassphrase", "sshpassword"];
    private readonly Dictionary<string, string> _values;

    private LayeredSettings(Dictionary<string, string> values) => _values = values;

    /// <summary>Builds the layers. <paramref name="commandLine"/> holds only options the user typed.</summary>
    public static LayeredSettings Build(IReadOnlyDictionary<string, string?> defaults, string? configFile,
        IReadOnlyDictionary<string, string?> commandLine, IDictionary<string, string?>? environment = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Merge(values, new ConfigurationBuilder().AddInMemoryCollection(defaults).Build());
        foreach (var dir in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() }.Distinct())
        {
            var file = Path.Combine(dir, "evidencekit.json");
            if (File.Exists(file))
            {
                Merge(values, Load(file));
            }
        }
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                throw CliException.BadInput($"The configuration file {configFile} does not exist.");
            }
            Merge(values, Load(configFile));
        }
        var env = environment is null
            ? new ConfigurationBuilder().AddEnvironmentVariables("EVIDENCEKIT_").Build()
            : new ConfigurationBuilder().AddInMemoryCollection(environment
                .Where(p => p.Key.StartsWith("EVIDENCEKIT_", StringComparison.Ordinal))
                .Select(p => new KeyValuePair<string, string?>(p.Key["EVIDENCEKIT_".Length..], p.Value))).Build();
        Merge(values, env);
        Merge(values, new ConfigurationBuilder().AddInMemoryCollection(commandLine).Build());
        return new LayeredSettings(values);
    }

    /// <summary>The value of a setting, or null.</summary>
    public string? Get(string key) => _values.GetValueOrDefault(Normalize(key));

    /// <summary>A boolean setting ("true"/"false"/"1"/"0"/"yes"/"no").</summary>
    public bool GetBool(string key)
    {
        var v = Get(key);
        return v is not null && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v is "1"
            || v.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A list setting: comma-separated text or a JSON array.</summary>
    public IReadOnlyList<string> GetList(string key)
    {
        var normalized = Normalize(key);
        if (_values.TryGetValue(normalized, out var single))
        {
            return single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        return _values.Where(p => p.Key.StartsWith(normalized + ":", StringComparison.Ordinal))
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList();
    }

    private static IConfiguration Load(string file)
    {
        try
        {
            return new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException)
        {
            throw CliException.BadInput($"The configuration file {file} is not valid JSON: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    private static void Merge(Dictionary<string, string> values, IConfiguration layer)
    {
        foreach (var (key, value) in layer.AsEnumerable())
        {
            var normalized = Normalize(key);
            if (value is not null && !SecretKeys.Contains(normalized))
            {
                values[normalized] = value;
            }
        }
    }

    private static string Normalize(string key) =>
        new(key.Where(c => c is not '-' and not '_').Select(char.ToLowerInvariant).ToArray());
}
