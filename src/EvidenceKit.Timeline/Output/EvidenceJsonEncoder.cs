using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;

namespace EvidenceKit.Timeline.Output;

/// <summary>
/// JSON escaping for evidence text: as <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> (quotes and <c>+</c>
/// stay readable; every control character is escaped), plus the bidirectional controls and marks that the relaxed
/// encoder leaves raw, so a JSONL line shown with <c>cat</c> cannot reorder what a reader sees. The decoded text is exact.
/// </summary>
internal sealed unsafe class EvidenceJsonEncoder : JavaScriptEncoder
{
    private static readonly JavaScriptEncoder Relaxed = UnsafeRelaxedJsonEscaping;
    private static readonly SearchValues<char> Hidden = SearchValues.Create("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029");

    private EvidenceJsonEncoder()
    {
    }

    public static EvidenceJsonEncoder Instance { get; } = new();

    public override int MaxOutputCharactersPerInputCharacter => Math.Max(6, Relaxed.MaxOutputCharactersPerInputCharacter);

    public override bool WillEncode(int unicodeScalar) => IsHidden(unicodeScalar) || Relaxed.WillEncode(unicodeScalar);

    public override int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var relaxed = Relaxed.FindFirstCharacterToEncode(text, textLength);
        var end = relaxed < 0 ? textLength : relaxed;
        var hidden = new ReadOnlySpan<char>(text, end).IndexOfAny(Hidden);
        return hidden >= 0 ? hidden : relaxed;
    }

    public override bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        if (!IsHidden(unicodeScalar))
        {
            return Relaxed.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);
        }
        numberOfCharactersWritten = 0;
        if (bufferLength < 6)
        {
            return false;
        }
        var escape = "\\u" + unicodeScalar.ToString("X4", CultureInfo.InvariantCulture);
        for (var i = 0; i < 6; i++)
        {
            buffer[i] = escape[i];
        }
        numberOfCharactersWritten = 6;
        return true;
    }

    private static bool IsHidden(int c) => c is (>= 0x202a and <= 0x202e) or (>= 0x2066 and <= 0x2069) or 0x200e or 0x200f or 0x061c or 0x2028 or 0x2029;
}
