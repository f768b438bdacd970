using Doppel.Data;
using Doppel.Metadata;
using Doppel.Synthesizers.Columns;

namespace Doppel.Rules;

/// <summary>
/// <c>Earlier &lt;= Later</c> between two numeric or two datetime columns: the synthesizer models the gap
/// Later − Earlier (numbers in Later's precision; datetimes in seconds), which is never negative, so its distribution
/// and its dependence on the other columns are learned, and every generated row keeps the order. Real rows that break
/// the order are modelled with a gap of 0.
/// </summary>
internal sealed class OrderRule : LearnedRule
{
    /// <summary>The column that comes first (never null in the real data).</summary>
    public required string Earlier { get; init; }

    /// <summary>The column derived as Earlier + gap.</summary>
    public required string Later { get; init; }

    /// <summary>Both columns are datetimes (the gap is in seconds) rather than numbers.</summary>
    public bool Dates { get; init; }

    /// <summary>The gap is a whole number (of the numbers' unit, or of seconds).</summary>
    public bool GapInteger { get; init; }

    /// <summary>Digits the gap keeps after the point, or null for full precision.</summary>
    public int? GapDecimals { get; init; }

    public override string Derived => Later;

    public override IReadOnlyList<string> Reads => [Earlier];

    public override string Text => $"{Earlier} <= {Later}";

    /// <summary>The order rule <paramref name="earlier"/> &lt;= <paramref name="later"/>, with the gap's precision.</summary>
    public static OrderRule For(ColumnMetadata earlier, ColumnMetadata later, bool declared, long rows, long kept)
    {
        bool dates = later.Type == SemanticType.Datetime;
        // Seconds are whole unless the later timestamp shows fractions of a second.
        bool integer = dates ? NumericColumnModel.UnitOf(later.Format) >= TimeSpan.TicksPerSecond : earlier.Integer && later.Integer;
        int? decimals = dates ? (integer ? 0 : 7)
            : integer ? 0 : earlier.Decimals is { } a && later.Decimals is { } b ? Math.Max(a, b) : null;
        return new OrderRule
        {
            Earlier = earlier.Name, Later = later.Name, Dates = dates, GapInteger = integer, GapDecimals = decimals,
            Declared = declared, Rows = rows, Kept = kept,
        };
    }

    public override ColumnMetadata Encoded(ColumnMetadata derived) =>
        new(derived.Name, SemanticType.Numerical) { Integer = GapInteger, Decimals = GapDecimals };

    public override Column Encode(Table real)
    {
        Column earlier = real[Earlier], later = real[Later];
        int n = real.RowCount;
        var gaps = new double[n];
        var validity = new Validity(n);
        for (int i = 0; i < n; i++)
        {
            if (earlier.IsNull(i) || later.IsNull(i)) { validity.Set(i, false); continue; }
            double gap = Dates
                ? (double)(((DateTimeColumn)later).Ticks[i] - ((DateTimeColumn)earlier).Ticks[i]) / TimeSpan.TicksPerSecond
                : ((NumberColumn)later).Values[i] - ((NumberColumn)earlier).Values[i];
            gaps[i] = Math.Max(0, GapDecimals is { } d ? Math.Round(gap, Math.Min(d, 15)) : gap);
        }
        return new NumberColumn(Later, gaps, validity);
    }

    public override Column Decode(Table batch, ColumnMetadata derived)
    {
        Column earlier = batch[Earlier];
        var gaps = (NumberColumn)batch[Later];
        int n = batch.RowCount;
        var validity = new Validity(n);
        for (int i = 0; i < n; i++) if (earlier.IsNull(i) || gaps.IsNull(i)) validity.Set(i, false);
        if (Dates)
        {
            var from = ((DateTimeColumn)earlier).Ticks;
            long unit = NumericColumnModel.UnitOf(derived.Format);
            var ticks = new long[n];
            for (int i = 0; i < n; i++)
            {
                if (!validity.IsValid(i)) continue;
                double sum = from[i] + Math.Max(0, gaps.Values[i]) * TimeSpan.TicksPerSecond;
                long value = (long)Math.Clamp(Math.Round(sum / unit) * unit, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks - unit);
                // On Later's grid, never before Earlier.
                while (value < from[i]) value += unit;
                ticks[i] = value;
            }
            return new DateTimeColumn(Later, ticks, validity);
        }
        var start = ((NumberColumn)earlier).Values;
        var values = new double[n];
        double step = derived.Integer ? 1 : derived.Decimals is { } dd ? Math.Pow(10, -Math.Min(dd, 15)) : 0;
        for (int i = 0; i < n; i++)
        {
            if (!validity.IsValid(i)) continue;
            double value = start[i] + Math.Max(0, gaps.Values[i]);
            if (derived.Integer) value = Math.Round(value);
            else if (derived.Decimals is { } d) value = Math.Round(value, Math.Min(d, 15));
            // Rounding to Later's precision must not put it before Earlier.
            if (value < start[i] && step > 0) value = Math.Round(value + step, derived.Integer ? 0 : Math.Min(derived.Decimals ?? 15, 15));
            values[i] = value;
        }
        return new NumberColumn(Later, values, validity);
    }

    public override void Validate(TableMetadata metadata)
    {
        var earlier = metadata.Columns.FirstOrDefault(c => c.Name == Earlier);
        var later = metadata.Columns.FirstOrDefault(c => c.Name == Later);
        var kind = Dates ? SemanticType.Datetime : SemanticType.Numerical;
        if (earlier?.Type != kind || later?.Type != kind || Earlier == Later || GapDecimals is < 0 or > 15)
            throw new DoppelException(ErrorKind.Model, $"The model's learned rule \"{Text}\" does not fit its columns.");
    }
}
