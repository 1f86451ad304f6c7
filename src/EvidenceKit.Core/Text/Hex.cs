using System.Security.Cryptography;
using System.Text;

namespace EvidenceKit.Core.Text;

/// <summary>Lower-case hex and SHA-256 helpers used for every hash the product writes.</summary>
public static class Hex
{
    /// <summary>Lower-case hex of <paramref name="bytes"/>.</summary>
    public static string Lower(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>SHA-256 of <paramref name="bytes"/>, lower-case hex.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => Lower(SHA256.HashData(bytes));

    /// <summary>SHA-256 of the UTF-8 bytes of <paramref name="text"/>, lower-case hex.</summary>
    public static string Sha256(string text) => Sha256(Encoding.UTF8.GetBytes(text));

    /// <summary>SHA-256 of a stream read to its end, lower-case hex.</summary>
    public static string Sha256(Stream stream) => Lower(SHA256.HashData(stream));
}
