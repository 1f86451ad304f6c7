namespace EvidenceKit.Timeline.Formats.Web;

/// <summary>Where each part of one access-log line lies in it (<see cref="AccessLineShape"/>); an absent optional part is an empty range.</summary>
internal struct AccessLineParts
{
    /// <summary><c>%v:%p</c> of vhost_combined.</summary>
    public Range Vhost;

    /// <summary><c>%h</c>.</summary>
    public Range Client;

    /// <summary><c>%l</c>.</summary>
    public Range Ident;

    /// <summary><c>%u</c>, with its quotes when it was quoted.</summary>
    public Range User;

    /// <summary><c>%t</c> without its brackets.</summary>
    public Range Time;

    /// <summary><c>%r</c> without its quotes, escapes as logged.</summary>
    public Range Request;

    /// <summary><c>%&gt;s</c>.</summary>
    public Range Status;

    /// <summary><c>%b</c>.</summary>
    public Range Size;

    /// <summary>The referer of the combined format, without its quotes.</summary>
    public Range Referer;

    /// <summary>The user agent of the combined format, without its quotes.</summary>
    public Range Agent;

    /// <summary>What follows the last part read, to the end of the line.</summary>
    public Range Extra;
}
