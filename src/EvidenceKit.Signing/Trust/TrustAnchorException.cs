namespace EvidenceKit.Signing.Trust;

/// <summary>A trust anchor file cannot be used. The message is one sentence saying which file and what to do.</summary>
public sealed class TrustAnchorException : Exception
{
    /// <summary>Creates the exception with a user-facing sentence.</summary>
    public TrustAnchorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing sentence and the underlying cause.</summary>
    public TrustAnchorException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
