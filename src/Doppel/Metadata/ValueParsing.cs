using System.Globalization;

namespace Doppel.Metadata;

/// <summary>Invariant-culture parsing of text cells into numbers, booleans and datetimes.</summary>
internal static class ValueParsing
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Parses a number; NaN and infinities parse too, the caller decides what to do with them.</summary>
    public static bool TryNumber(string text, out double value, NumberFormatInfo? numbers = null) => TryNumber(text.AsSpan(), out value, numbers);

    /// <inheritdoc cref="TryNumber(string, out double, NumberFormatInfo?)"/>
    public static bool TryNumber(ReadOnlySpan<char> text, out double value, NumberFormatInfo? numbers = null)
    {
        var span = text.Trim();
        if (span.Length == 0) { value = 0; return false; }
        // Reject thousands separators and hex; accept exponents, signs and NaN/Infinity spellings.
        numbers ??= NumberFormatInfo.InvariantInfo;
        if (double.TryParse(span, NumberStyles.Float, numbers, out value)) return true;
        if (HasThousands(span, numbers)) return double.TryParse(span, NumberStyles.Float | NumberStyles.AllowThousands, numbers, out value);
        if (span.Equals("inf", StringComparison.OrdinalIgnoreCase) || span.Equals("+inf", StringComparison.OrdinalIgnoreCase)) { value = double.PositiveInfinity; return true; }
        if (span.Equals("-inf", StringComparison.OrdinalIgnoreCase)) { value = double.NegativeInfinity; return true; }
        if (span.Equals("nan", StringComparison.OrdinalIgnoreCase)) { value = double.NaN; return true; }
        return false;
    }

    /// <summary>
    /// True when <paramref name="span"/> groups its integer digits by thousands (<c>-1,234,567.5</c>): one to three
    /// digits, then groups of exactly three, each after the culture's group separator.
    /// </summary>
    public static bool HasThousands(ReadOnlySpan<char> span, NumberFormatInfo numbers)
    {
        var separator = numbers.NumberGroupSeparator.AsSpan();
        if (separator.IsEmpty || span.IndexOf(separator) < 0) return false;
        if (span.Length > 0 && (span[0] == '-' || span[0] == '+')) span = span[1..];
        int point = span.IndexOf(numbers.NumberDecimalSeparator.AsSpan());
        var integer = point < 0 ? span : span[..point];
        int lead = 0;
        while (lead < integer.Length && char.IsAsciiDigit(integer[lead])) lead++;
        if (lead is 0 or > 3) return false;
        integer = integer[lead..];
        while (!integer.IsEmpty)
        {
            if (!integer.StartsWith(separator) || integer.Length < separator.Length + 3) return false;
            integer = integer[separator.Length..];
            if (!char.IsAsciiDigit(integer[0]) || !char.IsAsciiDigit(integer[1]) || !char.IsAsciiDigit(integer[2])) return false;
            integer = integer[3..];
        }
        return true;
    }

    /// <summary>Digits after the decimal point as written (0 for integers, null for exponent notation).</summary>
    public static int? DecimalsOf(ReadOnlySpan<char> text, NumberFormatInfo? numbers = null)
    {
        var span = text.Trim();
        if (span.IndexOfAny('e', 'E') >= 0) return null;
        int dot = span.IndexOf((numbers ?? NumberFormatInfo.InvariantInfo).NumberDecimalSeparator.AsSpan());
        return dot < 0 ? 0 : span.Length - dot - 1;
    }

    /// <summary>Parses true/false, yes/no, y/n, t/f (any case).</summary>
    public static bool TryBoolean(string text, out bool value) => BooleanSpelling.TryKnown(text, out value, digits: false);

    /// <summary>Date and timestamp formats Doppel recognises, most specific first.</summary>
    public static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", "yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mm:ss zzz",
        "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd",
        "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd", "yyyyMMdd",
        "MM/dd/yyyy HH:mm:ss", "MM/dd/yyyy HH:mm", "MM/dd/yyyy", "M/d/yyyy", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss",
        "MM/dd/yyyy hh:mm:ss tt", "MM/dd/yyyy hh:mm tt", "M/d/yyyy h:mm:ss tt", "M/d/yyyy h:mm tt",
        "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy", "d/M/yyyy",
        "dd.MM.yyyy HH:mm:ss", "dd.MM.yyyy", "d.M.yyyy",
        "dd-MM-yyyy", "MM-dd-yyyy", "dd MMM yyyy", "d MMM yyyy", "MMM d, yyyy", "MMM dd, yyyy",
    ];

    /// <summary>Parses a datetime with one exact format.</summary>
    public static bool TryDateTime(ReadOnlySpan<char> text, string format, out DateTime value) =>
        DateTime.TryParseExact(text.Trim(), format, Invariant,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);

    /// <summary>True when a format writes a UTC offset (<c>zzz</c>): values are read as UTC and written with offset +00:00.</summary>
    public static bool HasOffset(string format) => format.Contains("zzz", StringComparison.Ordinal);

    /// <summary>The smallest step a format writes, in ticks: a day, minute, second, or 10^(7 − k) for k fraction digits.</summary>
    public static long TicksPerUnit(string? format)
    {
        if (format is null) return TimeSpan.TicksPerSecond;
        if (IsDateOnly(format)) return TimeSpan.TicksPerDay;
        int fraction = format.Count(c => c is 'f' or 'F');
        if (fraction > 0) return (long)Math.Pow(10, 7 - Math.Min(fraction, 7));
        if (format.Contains('s')) return TimeSpan.TicksPerSecond;
        return TimeSpan.TicksPerMinute;
    }

    /// <summary>True when a format writes no time of day.</summary>
    public static bool IsDateOnly(string format) => !format.Contains('H') && !format.Contains('h') && !format.Contains('m') && !format.Contains('s');

    /// <summary>True for formats that put the month before the day.</summary>
    public static bool IsMonthFirst(string format) => format.StartsWith('M');

    /// <summary>True for formats that put the day before the month.</summary>
    public static bool IsDayFirst(string format) => format.StartsWith('d');
}
