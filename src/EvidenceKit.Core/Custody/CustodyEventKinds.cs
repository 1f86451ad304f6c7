namespace EvidenceKit.Core.Custody;

/// <summary>The kinds of custody event.</summary>
public static class CustodyEventKinds
{
    /// <summary>The collector sealed the bundle (always event 1).</summary>
    public const string Sealed = "sealed";

    /// <summary>Handed over to someone.</summary>
    public const string Transfer = "transfer";

    /// <summary>Received from someone.</summary>
    public const string Receive = "receive";

    /// <summary>Verified.</summary>
    public const string Verify = "verify";

    /// <summary>Opened or examined.</summary>
    public const string Access = "access";

    /// <summary>Copied (a working copy made).</summary>
    public const string Copy = "copy";

    /// <summary>Returned to its owner or store.</summary>
    public const string Return = "return";

    /// <summary>Destroyed or released.</summary>
    public const string Dispose = "dispose";

    /// <summary>Every kind, in the order a story usually goes.</summary>
    public static IReadOnlyList<string> All { get; } = [Sealed, Transfer, Receive, Verify, Access, Copy, Return, Dispose];

    /// <summary>The kinds a person may add with <c>custody add</c> (everything but "sealed").</summary>
    public static IReadOnlyList<string> Addable { get; } = All.Where(k => k != Sealed).ToList();
}
