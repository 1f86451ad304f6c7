using System.Globalization;
using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Custody;

/// <summary>The bag paths of custody events: custody/events/NNNNNN.json, .json.p7s and .json.p7s.tsr.</summary>
public static class CustodyPaths
{
    /// <summary>Digits in an event file name.</summary>
    public const int Digits = 6;

    /// <summary>The highest sequence number a name can hold.</summary>
    public const int MaxSequence = 999_999;

    /// <summary>"custody/events/000001.json".</summary>
    public static string Event(int sequence) =>
        $"{BundleLayout.EventsDir}/{sequence.ToString("D" + Digits, CultureInfo.InvariantCulture)}.json";

    /// <summary>The detached CMS signature of an event.</summary>
    public static string Signature(int sequence) => Event(sequence) + ".p7s";

    /// <summary>The RFC 3161 token over an event's signature.</summary>
    public static string Timestamp(int sequence) => Signature(sequence) + ".tsr";

    /// <summary>
    /// The sequence number and role of a file name in custody/events/ ("000001.json" is (1, Event)), or null when the
    /// name is not one an event file may have.
    /// </summary>
    public static (int Sequence, CustodyFileRole Role)? Parse(string fileName)
    {
        if (fileName.Length < Digits + 5 || !fileName.AsSpan(0, Digits).ToString().All(char.IsAsciiDigit))
        {
            return null;
        }
        var sequence = int.Parse(fileName.AsSpan(0, Digits), NumberStyles.None, CultureInfo.InvariantCulture);
        CustodyFileRole? role = fileName[Digits..] switch
        {
            ".json" => CustodyFileRole.Event,
            ".json.p7s" => CustodyFileRole.Signature,
            ".json.p7s.tsr" => CustodyFileRole.Timestamp,
            _ => null,
        };
        return role is null || sequence == 0 ? null : (sequence, role.Value);
    }
}
