namespace EvidenceKit.Timeline.Summary;

/// <summary>What one client address did: requests, error responses (4xx/5xx), authentication failures, first and last seen.</summary>
internal sealed class ClientTally(string address)
{
    public string Address => address;

    public long Requests { get; set; }

    public long Errors { get; set; }

    public long AuthFailures { get; set; }

    public DateTimeOffset First { get; set; } = DateTimeOffset.MaxValue;

    public DateTimeOffset Last { get; set; } = DateTimeOffset.MinValue;

    public void Seen(DateTimeOffset time)
    {
        if (time < First)
        {
            First = time;
        }
        if (time > Last)
        {
            Last = time;
        }
    }
}
