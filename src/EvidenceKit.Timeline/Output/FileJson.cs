using System.Text.Encodings.Web;
using System.Text.Json;
using EvidenceKit.Timeline.Pipeline;

namespace EvidenceKit.Timeline.Output;

/// <summary>
/// One evidence file's provenance values, JSON-escaped once (the same on every event of the file). Taken when the file's
/// first event is written, after every file was read, so <see cref="Verdict"/> already says whether the file changed.
/// </summary>
internal sealed class FileJson(EvidenceFile file, JavaScriptEncoder encoder)
{
    public JsonEncodedText? Host { get; } = Encode(file.Bundle.Facts.Host, encoder);

    public JsonEncodedText? Parser { get; } = Encode(file.Parser, encoder);

    public JsonEncodedText? BundleId { get; } = Encode(file.Bundle.Facts.BundleId, encoder);

    public JsonEncodedText? EvidenceId { get; } = Encode(file.Record.EvidenceId, encoder);

    public JsonEncodedText? BagPath { get; } = Encode(file.Record.BagPath, encoder);

    public JsonEncodedText? SourcePath { get; } = Encode(file.Record.SourcePath, encoder);

    public JsonEncodedText? Sha256 { get; } = Encode(file.Record.Sha256, encoder);

    public JsonEncodedText? Verdict { get; } = Encode(file.Verdict, encoder);

    private static JsonEncodedText? Encode(string? value, JavaScriptEncoder encoder) =>
        value is null ? null : JsonEncodedText.Encode(SafeText.WellFormed(value), encoder);
}
