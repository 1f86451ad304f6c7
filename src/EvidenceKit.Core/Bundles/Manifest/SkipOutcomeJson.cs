using System.Text.Json;
using System.Text.Json.Serialization;

namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>Writes and reads <see cref="SkipOutcome"/> as kebab-case words; numbers are refused.</summary>
internal sealed class SkipOutcomeJson() : JsonStringEnumConverter<SkipOutcome>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);
