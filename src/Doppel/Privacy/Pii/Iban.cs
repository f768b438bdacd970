using System.Text;

namespace Doppel.Privacy.Pii;

/// <summary>
/// IBAN check digits (ISO 13616, ISO 7064 mod 97-10): move the first four characters to the end, turn letters
/// into 10..35, and the number must leave remainder 1 when divided by 97. Spaces are ignored.
/// </summary>
internal static class Iban
{
    /// <summary>True for a country code, two check digits and 11 to 30 letters or digits whose checksum is right.</summary>
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        Span<char> compact = stackalloc char[40];
        int n = 0;
        foreach (char ch in value)
        {
            if (ch == ' ') continue;
            if (n == compact.Length || !(char.IsAsciiDigit(ch) || char.IsAsciiLetterUpper(ch))) return false;
            compact[n++] = ch;
        }
        if (n is < 15 or > 34 || !char.IsAsciiLetterUpper(compact[0]) || !char.IsAsciiLetterUpper(compact[1])
            || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3]))
            return false;
        return Remainder(compact[4..n], compact[..4]) == 1;
    }

    /// <summary>
    /// Writes the check digits of the IBAN that starts at <paramref name="start"/> in <paramref name="output"/>
    /// (country code at <c>start</c>, check digits at <c>start + 2</c>, then the account part; spaces allowed).
    /// </summary>
    public static void SetCheckDigits(StringBuilder output, int start)
    {
        Span<char> head = [output[start], output[start + 1], '0', '0'];
        Span<char> rest = stackalloc char[Math.Max(0, output.Length - start - 4)];
        int n = 0;
        // Only letters and digits count; separators in the real shape (space, '-', '.', '/') are skipped.
        for (int i = start + 4; i < output.Length; i++) if (char.IsAsciiLetterOrDigit(output[i])) rest[n++] = char.ToUpperInvariant(output[i]);
        int check = 98 - Remainder(rest[..n], head);
        output[start + 2] = (char)('0' + check / 10);
        output[start + 3] = (char)('0' + check % 10);
    }

    /// <summary>The remainder mod 97 of <paramref name="rest"/> followed by <paramref name="head"/>, letters as 10..35.</summary>
    private static int Remainder(ReadOnlySpan<char> rest, ReadOnlySpan<char> head)
    {
        int remainder = 0;
        foreach (char ch in rest) remainder = Step(remainder, ch);
        foreach (char ch in head) remainder = Step(remainder, ch);
        return remainder;

        static int Step(int r, char ch) => char.IsAsciiDigit(ch) ? (r * 10 + (ch - '0')) % 97 : (r * 100 + (ch - 'A' + 10)) % 97;
    }
}
