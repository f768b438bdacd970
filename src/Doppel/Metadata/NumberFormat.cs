using System.Globalization;

namespace Doppel.Metadata;

/// <summary>
/// How a numerical column writes its values: thousands separators or not, and between <see cref="MinDecimals"/> and
/// <see cref="MaxDecimals"/> digits after the point (trailing zeros kept down to the minimum). Kept in metadata as
/// the column's <see cref="ColumnMetadata.Format"/> in .NET's custom notation, e.g. <c>0.00</c>, <c>#,##0</c>,
/// <c>0.0#</c>; output is always written invariant (<c>,</c> groups, <c>.</c> decimals).
/// </summary>
/// <param name="Grouping">Thousands separators, as in <c>123,456</c>.</param>
/// <param name="MinDecimals">Digits after the point always written (<c>1.00</c> for 2).</param>
/// <param name="MaxDecimals">Digits after the point at most; values are rounded to them.</param>
internal sealed record NumberFormat(bool Grouping, int MinDecimals, int MaxDecimals)
{
    /// <summary>The most digits after the point a format keeps (a double holds about 15 significant digits).</summary>
    public const int DecimalsLimit = 15;

    private static readonly string[] Fixed = [.. Enumerable.Range(0, DecimalsLimit + 1).Select(d => "F" + d.ToString(CultureInfo.InvariantCulture))];
    private static readonly string[] Grouped = [.. Enumerable.Range(0, DecimalsLimit + 1).Select(d => "N" + d.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Room for any finite double written in full (309 digits, separators, 15 decimals).</summary>
    public const int MaxLength = 448;

    /// <summary>The format in .NET's custom notation: <c>#,##0.00#</c>.</summary>
    public string Text =>
        (Grouping ? "#,##0" : "0") + (MaxDecimals > 0 ? "." + new string('0', MinDecimals) + new string('#', MaxDecimals - MinDecimals) : "");

    /// <summary>Reads <c>0</c>, <c>#,##0</c>, optionally followed by <c>.</c>, zeros, then <c>#</c>s; null for anything else.</summary>
    public static NumberFormat? Parse(string? format)
    {
        if (format is null) return null;
        var span = format.AsSpan();
        bool grouping = span.StartsWith("#,##0");
        if (grouping) span = span[5..];
        else if (span.StartsWith("0")) span = span[1..];
        else return null;
        if (span.IsEmpty) return new NumberFormat(grouping, 0, 0);
        if (span[0] != '.') return null;
        span = span[1..];
        int zeros = 0;
        while (zeros < span.Length && span[zeros] == '0') zeros++;
        int hashes = 0;
        while (zeros + hashes < span.Length && span[zeros + hashes] == '#') hashes++;
        if (zeros + hashes != span.Length || span.Length == 0 || span.Length > DecimalsLimit) return null;
        return new NumberFormat(grouping, zeros, zeros + hashes);
    }

    /// <summary>
    /// Writes <paramref name="value"/> (finite) as UTF-8 into <paramref name="destination"/> (at least
    /// <see cref="MaxLength"/> bytes): rounded to the maximum decimals, trailing zeros trimmed down to the minimum,
    /// never <c>-0</c>.
    /// </summary>
    public int Format(double value, Span<byte> destination)
    {
        if (!Grouping && MaxDecimals <= MaxScaledDecimals)
        {
            // Math.Round(value, d) is Math.Round(value * 10^d) / 10^d, and "F{d}" of that double writes exactly the
            // whole number Math.Round(value * 10^d) with a point d digits from the right: write that integer directly
            // (the general path below formats through the runtime's exact decimal expansion, about 5x slower).
            double scaled = Math.Round(value * Powers[MaxDecimals]);
            if (Math.Abs(scaled) < ScaledLimit) return Scaled((long)scaled, destination);
        }
        return General(value, destination);
    }

    /// <summary>The most decimals the scaled path writes; and the largest scaled magnitude it takes (2^53: every whole double below is exact).</summary>
    private const int MaxScaledDecimals = 9;
    private const double ScaledLimit = 9007199254740992d;
    private static readonly double[] Powers = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    private int Scaled(long scaled, Span<byte> destination)
    {
        int written = 0;
        if (scaled < 0) { destination[written++] = (byte)'-'; scaled = -scaled; }
        // Trailing zeros go first, down to the minimum decimals; the point goes with the last decimal.
        int decimals = MaxDecimals;
        while (decimals > MinDecimals && scaled % 10 == 0) { scaled /= 10; decimals--; }
        Span<byte> digits = stackalloc byte[20];
        int count = 0;
        do { digits[count++] = (byte)('0' + (int)(scaled % 10)); scaled /= 10; } while (scaled != 0);
        while (count <= decimals) digits[count++] = (byte)'0'; // at least one digit before the point
        for (int i = count - 1; i >= 0; i--)
        {
            destination[written++] = digits[i];
            if (i == decimals && decimals > 0) destination[written++] = (byte)'.';
        }
        return written;
    }

    /// <summary>The general path: rounding, then the runtime's fixed or grouped format, then trailing zeros trimmed.</summary>
    internal int General(double value, Span<byte> destination)
    {
        value = Math.Round(value, MaxDecimals) + 0.0; // + 0.0 turns -0 into 0: "-0.00" is never written
        value.TryFormat(destination, out int written, (Grouping ? Grouped : Fixed)[MaxDecimals], CultureInfo.InvariantCulture);
        for (int decimals = MaxDecimals; decimals > MinDecimals && destination[written - 1] == (byte)'0'; decimals--)
        {
            written--;
            if (decimals == 1) written--; // the point goes with the last decimal
        }
        return written;
    }
}
