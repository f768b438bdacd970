using System.Globalization;
using System.Text.RegularExpressions;

namespace Doppel.Sequences;

/// <summary>A declared regular step of the order column: <c>1h</c>, <c>15min</c>, <c>1d</c>, <c>1mo</c>, <c>1y</c>, <c>30s</c>, or a plain number.</summary>
internal static partial class SequenceInterval
{
    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*(s|min|h|d|w|mo|y)?\s*$")]
    private static partial Regex Pattern();

    /// <summary>The step as (fixed amount: ticks or a number, calendar months); refuses anything else.</summary>
    public static (double Fixed, int Months) Parse(string text, string table, bool date)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
            throw new DoppelException(ErrorKind.Metadata, $"Table '{table}': the sequence interval '{text}' is not a number with a unit (1h, 15min, 1d, 7d, 1mo, 1y, 30s) or a plain number.");
        double amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        string unit = match.Groups[2].Value;
        if (!date)
        {
            if (unit.Length > 0) throw new DoppelException(ErrorKind.Metadata, $"Table '{table}': the order column is a number, so its interval is a plain number, not '{text}'.");
            return (amount, 0);
        }
        return unit switch
        {
            "s" => (amount * TimeSpan.TicksPerSecond, 0),
            "min" => (amount * TimeSpan.TicksPerMinute, 0),
            "h" => (amount * TimeSpan.TicksPerHour, 0),
            "d" => (amount * TimeSpan.TicksPerDay, 0),
            "w" => (amount * 7 * TimeSpan.TicksPerDay, 0),
            "mo" or "y" when amount == Math.Floor(amount) => (0, (int)amount * (unit == "y" ? 12 : 1)),
            _ => throw new DoppelException(ErrorKind.Metadata, $"Table '{table}': the datetime order's interval '{text}' needs a unit (1h, 15min, 1d, 7d, 1mo, 1y, 30s); months and years in whole numbers."),
        };
    }

    /// <summary>The order value one step after <paramref name="previous"/> on the grid.</summary>
    public static double Advance(double previous, double step, int months) =>
        months == 0 ? previous + step : new DateTime((long)previous).AddMonths(months).Ticks;
}
