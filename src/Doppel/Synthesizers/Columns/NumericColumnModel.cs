using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Transforms;

namespace Doppel.Synthesizers.Columns;

/// <summary>
/// Numbers and datetimes: an empirical quantile marginal, rounding as in the real data, and a null indicator. A
/// column with fewer than <see cref="ProtectedTails.MinValues"/> values is generated as all null.
/// </summary>
internal sealed class NumericColumnModel : ColumnModel
{
    private QuantileMarginal? _marginal;
    private CategoricalMarginal? _nulls;

    /// <summary>Quantile knots at evenly spaced probabilities (empty when every row is null).</summary>
    public required double[] Knots { get; init; }

    /// <summary>Round to whole numbers.</summary>
    public bool Integer { get; init; }

    /// <summary>Digits after the point to keep, or null for full precision.</summary>
    public int? Decimals { get; init; }

    /// <summary>Values are <see cref="DateTime"/> ticks, rounded to this many ticks (a day for dates); 0 for numbers.</summary>
    public long DateTimeUnit { get; init; }

    [JsonIgnore]
    public override int Dimensions => (Knots.Length > 0 ? 1 : 0) + (NullMarginal(NullShare) is null ? 0 : 1);

    private QuantileMarginal Marginal => _marginal ??= new QuantileMarginal(Knots);

    private CategoricalMarginal? Nulls => _nulls ??= NullMarginal(NullShare);

    /// <summary>
    /// The part of [0, 1) whose latent scores can decode into [<paramref name="low"/>, <paramref name="high"/>]:
    /// whole knot segments, one extra on each side so rounding cannot push a value out. Null for columns with nulls
    /// (their value and null dimensions would both need conditioning) or for datetimes.
    /// </summary>
    public (double Lo, double Hi)[]? AllowedInterval(double low, double high)
    {
        if (DateTimeUnit > 0 || Knots.Length < 2 || NullMarginal(NullShare) is not null) return null;
        int k = Knots.Length;
        if (low > Knots[^1] || high < Knots[0]) return []; // values never leave [min, max]
        int first = 0;
        while (first < k && Knots[first] < low) first++;
        int last = k - 1;
        while (last >= 0 && Knots[last] > high) last--;
        if (first > last + 1) return [];
        double lo = Math.Max(0, first - 2) / (double)(k - 1);
        double hi = Math.Min(k - 1, last + 2) / (double)(k - 1);
        return hi > lo ? [(lo, hi)] : [];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs a few times per fit, over every row: optimized from the start
    public static EncodedColumn Fit(Column column, ColumnMetadata meta, ref RandomStream random)
    {
        int n = column.Length;
        var values = new double[n];
        var rows = new int[n];
        int valid = 0;
        for (int i = 0; i < n; i++)
        {
            if (column.IsNull(i)) continue;
            values[valid] = column switch
            {
                NumberColumn numbers => numbers.Values[i],
                DateTimeColumn dates => dates.Ticks[i],
                _ => throw new InvalidOperationException($"Column '{column.Name}' is not numeric."),
            };
            rows[valid++] = i;
        }
        // Too few values to hide any one of them: the column is modelled as all null (ProtectedTails).
        if (valid < ProtectedTails.MinValues) valid = 0;
        var sortedValues = values.AsSpan(0, valid);
        var sortedRows = rows.AsSpan(0, valid);
        RadixSort.Sort(sortedValues, sortedRows);

        var model = new NumericColumnModel
        {
            Name = column.Name,
            NullShare = n == 0 ? 0 : (double)(n - valid) / n,
            Knots = valid == 0 ? [] : QuantileMarginal.Fit(sortedValues).Knots,
            Integer = meta.Integer,
            Decimals = meta.Decimals,
            DateTimeUnit = column is DateTimeColumn ? UnitOf(meta.Format) : 0,
        };

        var scores = new List<double[]>();
        var observed = new List<Validity?>();
        var attenuation = new List<double>();
        if (valid > 0)
        {
            // Each row's score is uniform within its value's CDF interval, so ties (point masses) spread evenly.
            var z = new double[n];
            var tieShares = new List<double>();
            for (int a = 0; a < valid;)
            {
                int b = a + 1;
                while (b < valid && sortedValues[b] == sortedValues[a]) b++;
                tieShares.Add((double)(b - a) / valid);
                for (int j = a; j < b; j++)
                {
                    double u = (a + (b - a) * random.NextOpenDouble()) / valid;
                    z[sortedRows[j]] = Normal.Quantile(u);
                }
                a = b;
            }
            scores.Add(z);
            observed.Add(valid == n ? null : column.Validity);
            attenuation.Add(Attenuation.Of(tieShares));
        }
        if (model.Nulls is { } nulls)
        {
            scores.Add(EncodeNulls(column, nulls, ref random));
            observed.Add(null);
            attenuation.Add(Attenuation.Of(nulls.Probabilities));
        }
        return new EncodedColumn(model, [.. scores], [.. observed], [.. attenuation]);
    }

    public override Column Decode(ReadOnlySpan<double> z, int count, long firstRow, ref RandomStream random)
    {
        bool hasValues = Knots.Length > 0;
        var validity = DecodeNulls(Nulls, hasValues ? z[count..] : z, count, allNull: !hasValues);
        if (DateTimeUnit > 0)
        {
            var ticks = new long[count];
            if (hasValues)
            {
                var marginal = Marginal;
                long unit = DateTimeUnit;
                for (int i = 0; i < count; i++)
                    ticks[i] = Math.Clamp((long)Math.Round(marginal.FromNormal(z[i]) / unit) * unit, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
            }
            return new DateTimeColumn(Name, ticks, validity);
        }
        var values = new double[count];
        if (hasValues)
        {
            var marginal = Marginal;
            for (int i = 0; i < count; i++) values[i] = marginal.FromNormal(z[i]);
            if (Integer) for (int i = 0; i < count; i++) values[i] = Math.Round(values[i]);
            else if (Decimals is { } d) for (int i = 0; i < count; i++) values[i] = Math.Round(values[i], Math.Min(d, 15));
        }
        return new NumberColumn(Name, values, validity);
    }

    /// <summary>The coarsest unit the datetime format shows.</summary>
    internal static long UnitOf(string? format) => ValueParsing.TicksPerUnit(format);
}
