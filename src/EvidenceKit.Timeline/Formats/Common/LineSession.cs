namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>
/// The per-file state of a <see cref="LineParser"/>: created for one file, fed its lines in order, finished at
/// the end (where a format that groups lines reports its last group). Never shared between files.
/// </summary>
internal abstract class LineSession
{
    /// <summary>Reads one line (never a truncated one: those are reported unparsed before they get here).</summary>
    public abstract void Line(LogLine line);

    /// <summary>Called once after the last line, also after a read error.</summary>
    public virtual void Finish()
    {
    }
}
