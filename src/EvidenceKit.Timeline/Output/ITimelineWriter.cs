using EvidenceKit.Timeline.Pipeline;

namespace EvidenceKit.Timeline.Output;

/// <summary>Writes timeline rows in one format.</summary>
internal interface ITimelineWriter : IDisposable
{
    /// <summary>Writes one event.</summary>
    void Write(TimelineEvent e, EvidenceFile file);
}
