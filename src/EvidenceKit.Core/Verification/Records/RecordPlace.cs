namespace EvidenceKit.Core.Verification.Records;

/// <summary>
/// Where one record is, in words ("custody/files.jsonl line 7 (id)"), made only when a finding asks for it: a good
/// record, the common case, costs no text.
/// </summary>
internal sealed class RecordPlace(Func<long, string> locate, long index, string id)
{
    private string? _text;

    public string Text => _text ??= $"{locate(index)} ({id})";

    public override string ToString() => Text;
}
