namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>The scores the service parsers give in <c>Fits</c>: the name and the content agreeing beats either alone.</summary>
internal static class FitScore
{
    /// <summary>Not this format.</summary>
    public const int None = 0;

    /// <summary>The file's name is the format's usual name, but the first lines do not show it.</summary>
    public const int NameOnly = 20;

    /// <summary>The first lines are in the format, under an unusual name.</summary>
    public const int ContentOnly = 60;

    /// <summary>Both the name and the first lines say so.</summary>
    public const int NameAndContent = 90;

    /// <summary>The file carries its format's magic number (binary formats).</summary>
    public const int Magic = 100;

    /// <summary>Combines a name test and a content test.</summary>
    public static int Of(bool name, bool content) =>
        (name, content) switch
        {
            (true, true) => NameAndContent,
            (false, true) => ContentOnly,
            (true, false) => NameOnly,
            _ => None,
        };
}
