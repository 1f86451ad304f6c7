using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Custody;

/// <summary>Every <see cref="CustodyException"/>, built in one place.</summary>
internal static class CustodyErrors
{
    public static CustodyException NotSealed(string bundle) =>
        new($"{bundle} is not a sealed bundle: custody events can only be added to a sealed prosecution bundle.");

    public static CustodyException Unsigned(string bundle) =>
        new($"{bundle} has no {BundleLayout.ManifestSignature}: custody events can only be added to a signed (prosecution) bundle.");

    public static CustodyException Unreadable(string bundle, string what, Exception inner) =>
        new($"{bundle}: {what} could not be read ({inner.Message}).", inner);

    public static CustodyException Full(string bundle) =>
        new($"{bundle} already holds {CustodyPaths.MaxSequence} custody events; no more can be numbered.");

    public static CustodyException Raced(string bundle, string path) =>
        new($"{bundle}: {path} appeared while this event was being written (someone else added an event at the same time); run custody add again.");

    public static CustodyException WriteFailed(string bundle, Exception inner) =>
        new($"{bundle}: the event could not be written ({inner.Message}); the bundle is as it was, or holds the new event complete. Verify it, then run custody add again.", inner);

    public static CustodyException UnknownKind(string kind) =>
        new($"'{kind}' is not a custody event kind; use one of {string.Join(", ", CustodyEventKinds.Addable)}.");
}
