namespace EvidenceKit.Signing;

/// <summary>
/// The one rule of every verifier here for bytes an adversary wrote: BouncyCastle throws on input it cannot parse,
/// and a verifier turns any such exception into its own "malformed" result instead of letting it escape.
/// </summary>
internal static class MalformedInput
{
    /// <summary>Runs <paramref name="verify"/>; any exception but running out of memory becomes <paramref name="malformed"/>'s result.</summary>
    public static T Judge<T>(Func<T> verify, Func<T> malformed)
    {
        try
        {
            return verify();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return malformed();
        }
    }
}
