using System.Runtime.CompilerServices;
namespace Doppel.Metadata.Parsing;

/// <summary>
/// The fast path of number parsing: <c>-?\d+(.\d+)?</c> with at most 15 digits, exactly as <see cref="double.Parse(string)"/>
/// reads it (an integer below 2^53 divided by an exact power of ten is correctly rounded: Clinger's fast path).
/// Anything else (signs, spaces, separators, exponents, NaN, long numbers) is left to the general parser.
/// </summary>
internal static class PlainNumber
{
    private const int MaxDigits = 15;

    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>Parses a plain number with decimal point <paramref name="point"/>; false when the text is not one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once, for the whole file: optimized from the start
    public static bool TryParse(ReadOnlySpan<char> text, char point, out double value, out int decimals)
    {
        value = 0;
        decimals = 0;
        int i = 0;
        bool negative = text.Length > 0 && text[0] == '-';
        if (negative) i = 1;
        long mantissa = 0;
        int digits = 0, start = i;
        for (; i < text.Length; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d > 9) break;
            mantissa = mantissa * 10 + d;
            digits++;
        }
        if (i == start) return false; // no integer digits (".5", "-", "abc")
        if (i < text.Length)
        {
            if (text[i] != point || i == text.Length - 1) return false;
            for (i++; i < text.Length; i++)
            {
                uint d = (uint)(text[i] - '0');
                if (d > 9) return false;
                mantissa = mantissa * 10 + d;
                digits++;
                decimals++;
            }
        }
        if (digits > MaxDigits) return false;
        double x = mantissa;
        if (decimals > 0) x /= PowersOfTen[decimals];
        value = negative ? -x : x;
        return true;
    }
}
