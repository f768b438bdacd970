using System.Text;

namespace Doppel.Privacy.Pii;

/// <summary>The Luhn (mod 10) check digit of payment card numbers; spaces and dashes are ignored.</summary>
internal static class Luhn
{
    /// <summary>True when <paramref name="value"/> holds only digits, spaces and dashes and its digits pass the check.</summary>
    public static bool IsValid(ReadOnlySpan<char> value, out int digits)
    {
        int sum = 0;
        digits = 0;
        bool dbl = false;
        for (int i = value.Length - 1; i >= 0; i--)
        {
            char ch = value[i];
            if (ch is ' ' or '-') continue;
            if (!char.IsAsciiDigit(ch)) return false;
            int d = ch - '0';
            if (dbl) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            dbl = !dbl;
            digits++;
        }
        return digits > 0 && sum % 10 == 0;
    }

    /// <summary>Sets the last digit of <paramref name="output"/> from <paramref name="start"/> on so the number passes the check.</summary>
    public static void SetCheckDigit(StringBuilder output, int start = 0)
    {
        int last = -1;
        for (int i = output.Length - 1; i >= start; i--) if (char.IsAsciiDigit(output[i])) { last = i; break; }
        if (last < 0) return;
        int sum = 0;
        bool dbl = true;
        for (int i = last - 1; i >= start; i--)
        {
            if (!char.IsAsciiDigit(output[i])) continue;
            int d = output[i] - '0';
            if (dbl) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            dbl = !dbl;
        }
        output[last] = (char)('0' + (10 - sum % 10) % 10);
    }
}
