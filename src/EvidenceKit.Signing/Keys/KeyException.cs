namespace EvidenceKit.Signing.Keys;

/// <summary>
/// A signing key cannot be used or written. The message is one sentence for the user saying what is wrong
/// and what to do; it never contains the passphrase.
/// </summary>
public sealed class KeyException : Exception
{
    /// <summary>Creates the exception with a user-facing sentence.</summary>
    public KeyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing sentence and the underlying cause.</summary>
    public KeyException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
