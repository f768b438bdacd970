using Doppel.Data;

namespace Doppel.Sequences;

/// <summary>Names and values of the columns the step models read besides the table's own: lags, gap, calendar.</summary>
internal static class StepColumns
{
    public const string Index = "@index";
    public const string Length = "@siblings";
    public const string Gap = "@gap";

    /// <summary>Steps left after this one (length − index − 1): where a career ends, its last seasons' decline.</summary>
    public const string Remaining = "@remaining";

    /// <summary>Lags read by the next-step model: the step before (1) and the one before it (2).</summary>
    public static readonly int[] Lags = [1, 2];

    /// <summary>The change of a smooth column from the step before, drawn by the next-step model before the column itself.</summary>
    public static string Delta(string column) => "@delta." + column;

    public static string Lag(string column, int lag) => lag == 1 ? "@prev." + column : $"@prev{lag}." + column;

    /// <summary>Calendar features of a datetime order, each a function of the step's ticks.</summary>
    public static readonly (string Name, Func<DateTime, int> Of)[] Calendar =
    [
        ("@hour", d => d.Hour),
        ("@weekday", d => (int)d.DayOfWeek),
        ("@month", d => d.Month),
    ];

    /// <summary>A calendar feature over ticks (NaN for null).</summary>
    public static NumberColumn CalendarColumn(string name, double[] ticks)
    {
        var of = Calendar.First(c => c.Name == name).Of;
        var values = new double[ticks.Length];
        var validity = new Validity(ticks.Length);
        for (int i = 0; i < ticks.Length; i++)
        {
            if (double.IsNaN(ticks[i]) || ticks[i] < DateTime.MinValue.Ticks || ticks[i] > DateTime.MaxValue.Ticks) { validity.Set(i, false); continue; }
            values[i] = of(new DateTime((long)ticks[i]));
        }
        return new NumberColumn(name, values, validity);
    }

    /// <summary>The column's values at <paramref name="rows"/> (−1: null), renamed.</summary>
    public static Column Pick(Column column, int[] rows, string name)
    {
        var validity = new Validity(rows.Length);
        for (int i = 0; i < rows.Length; i++) if (rows[i] < 0 || column.IsNull(rows[i])) validity.Set(i, false);
        int At(int i) => Math.Max(rows[i], 0);
        if (column.Length == 0) return Empty(column, rows.Length, name);
        return column switch
        {
            NumberColumn c => new NumberColumn(name, [.. rows.Select((_, i) => c.Values[At(i)])], validity),
            CategoryColumn c => new CategoryColumn(name, [.. rows.Select((_, i) => c.Codes[At(i)])], c.Categories, validity),
            BooleanColumn c => new BooleanColumn(name, [.. rows.Select((_, i) => c.Values[At(i)])], validity),
            DateTimeColumn c => new DateTimeColumn(name, [.. rows.Select((_, i) => c.Ticks[At(i)])], validity),
            StringColumn c => new StringColumn(name, [.. rows.Select((_, i) => c.Values[At(i)])], validity),
            _ => throw new InvalidOperationException($"Column '{column.Name}' has an unknown kind."),
        };
    }

    /// <summary>A column of <paramref name="like"/>'s kind with every value null.</summary>
    public static Column Empty(Column like, int rows, string name)
    {
        var none = new Validity(rows, allValid: false);
        return like switch
        {
            NumberColumn => new NumberColumn(name, new double[rows], none),
            CategoryColumn c => new CategoryColumn(name, new int[rows], c.Categories, none),
            BooleanColumn => new BooleanColumn(name, new bool[rows], none),
            DateTimeColumn => new DateTimeColumn(name, new long[rows], none),
            _ => new StringColumn(name, new string?[rows], none),
        };
    }

    /// <summary>Numbers of a number or datetime column (NaN for null).</summary>
    public static double[] Numbers(Column column)
    {
        var values = new double[column.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = column.IsNull(i) ? double.NaN : column switch
            {
                NumberColumn n => n.Values[i],
                DateTimeColumn d => d.Ticks[i],
                _ => double.NaN,
            };
        return values;
    }
}
