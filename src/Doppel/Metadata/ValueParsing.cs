using System.Globalization;

namespace Doppel.Metadata;

/// <summary>Invariant-culture parsing of text cells into numbers, booleans and datetimes.</summary>
internal static class ValueParsing
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Parses a number; NaN and infinities parse too, the caller decides what to do with them.</summary>
    public static bool TryNumber(string text, out double value, NumberFormatInfo? numbers = null)
    {
        var span = text.AsSpan().Trim();
        if (span.Length == 0) { value = 0; return false; }
        // Reject thousands separators and hex; accept exponents, signs and NaN/Infinity spellings.
        if (double.TryParse(span, NumberStyles.Float, numbers ?? NumberFormatInfo.InvariantInfo, out value)) return true;
        if (span.Equals("inf", StringComparison.OrdinalIgnoreCase) || span.Equals("+inf", StringComparison.OrdinalIgnoreCase)) { value = double.PositiveInfinity; return true; }
        if (span.Equals("-inf", StringComparison.OrdinalIgnoreCase)) { value = double.NegativeInfinity; return true; }
        if (span.Equals("nan", StringComparison.OrdinalIgnoreCase)) { value = double.NaN; return true; }
        return false;
    }

    /// <summary>Digits after the decimal point as written (0 for integers, null for exponent notation).</summary>
    public static int? DecimalsOf(string text, NumberFormatInfo? numbers = null)
    {
        var span = text.AsSpan().Trim();
        if (span.IndexOfAny('e', 'E') >= 0) return null;
        int dot = span.IndexOf((numbers ?? NumberFormatInfo.InvariantInfo).NumberDecimalSeparator.AsSpan());
        return dot < 0 ? 0 : span.Length - dot - 1;
    }

    private static readonly string[] TrueTokens = ["true", "yes", "y", "t"];
    private static readonly string[] FalseTokens = ["false", "no", "n", "f"];

    /// <summary>Parses true/false, yes/no, y/n, t/f (any case).</summary>
    public static bool TryBoolean(string text, out bool value)
    {
        var span = text.AsSpan().Trim();
        foreach (var token in TrueTokens) if (span.Equals(token, StringComparison.OrdinalIgnoreCase)) { value = true; return true; }
        foreach (var token in FalseTokens) if (span.Equals(token, StringComparison.OrdinalIgnoreCase)) { value = false; return true; }
        value = false;
        return false;
    }

    /// <summary>Date and timestamp formats Doppel recognises, most specific first.</summary>
    public static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd",
        "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd", "yyyyMMdd",
        "MM/dd/yyyy HH:mm:ss", "MM/dd/yyyy HH:mm", "MM/dd/yyyy", "M/d/yyyy", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss",
        "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy", "d/M/yyyy",
        "dd.MM.yyyy HH:mm:ss", "dd.MM.yyyy", "d.M.yyyy",
        "dd-MM-yyyy", "MM-dd-yyyy", "dd MMM yyyy", "d MMM yyyy", "MMM d, yyyy", "MMM dd, yyyy",
    ];

    /// <summary>Parses a datetime with one exact format.</summary>
    public static bool TryDateTime(string text, string format, out DateTime value) =>
        DateTime.TryParseExact(text.AsSpan().Trim(), format, Invariant,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);

    /// <summary>True when a format writes no time of day.</summary>
    public static bool IsDateOnly(string format) => !format.Contains('H') && !format.Contains('m') && !format.Contains('s');

    /// <summary>True for formats that put the month before the day.</summary>
    public static bool IsMonthFirst(string format) => format.StartsWith('M');

    /// <summary>True for formats that put the day before the month.</summary>
    public static bool IsDayFirst(string format) => format.StartsWith('d');
}
