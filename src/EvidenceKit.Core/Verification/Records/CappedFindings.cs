using System.Globalization;

namespace EvidenceKit.Core.Verification.Records;

/// <summary>
/// Findings of one kind, of which at most <see cref="Max"/> are kept in words; the rest are counted, so a hostile
/// records file with a million bad lines costs a counter, not a million strings.
/// </summary>
internal sealed class CappedFindings
{
    public const int Max = 1000;

    private readonly List<string> _kept = [];
    private long _more;

    public long Total => _kept.Count + _more;

    public void Add(string finding)
    {
        if (_kept.Count < Max)
        {
            _kept.Add(finding);
        }
        else
        {
            _more++;
        }
    }

    /// <summary>The kept findings, with a last line counting those left out.</summary>
    public List<string> ToList() =>
        _more == 0 ? [.. _kept] : [.. _kept, string.Create(CultureInfo.InvariantCulture, $"... and {_more} more like these")];
}
