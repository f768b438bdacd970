using System.Text.Json.Serialization;
using Doppel.Data;
using Doppel.Sampling;
using Doppel.Synthesizers.Trees;

namespace Doppel.Synthesizers.Bayes;

/// <summary>
/// A numeric or datetime column: its bin is drawn from the conditional table, then a value from the bin's smoothed
/// distribution (<see cref="NumericLeaf"/>: point masses held by at least k rows, knots that are means of at least two
/// values), rounded as in the real data. Codes: bins 0..B−1, null B.
/// </summary>
internal sealed class NumericBayesNode : BayesNode
{
    /// <summary>Round to whole numbers.</summary>
    public bool Integer { get; init; }

    /// <summary>Digits after the point to keep, or null for full precision.</summary>
    public int? Decimals { get; init; }

    /// <summary>Values are <see cref="DateTime"/> ticks rounded to this many ticks; 0 for numbers.</summary>
    public long DateTimeUnit { get; init; }

    /// <summary>Smallest training value (draws are clamped to the column's bounds).</summary>
    public double Min { get; init; }

    /// <summary>Largest training value.</summary>
    public double Max { get; init; }

    /// <summary>Per bin: the distribution of its values.</summary>
    public required NumericLeaf[] Bins { get; init; }

    /// <summary>The column-wide distribution for bins too small to smooth.</summary>
    public required NumericLeaf Fallback { get; init; }

    /// <summary>The conditional table given the parents.</summary>
    public required ConditionalTable Table { get; init; }

    /// <summary>Number of codes (bins and null).</summary>
    [JsonIgnore]
    public int Codes => Bins.Length + 1;

    public override double[]? Evidence(Expressions.ColumnCondition condition)
    {
        if (condition.Categories is not null) return null;
        var weights = new double[Codes]; // null (the last code) never satisfies a comparison
        for (int b = 0; b < Bins.Length; b++)
            weights[b] = NumericTreeColumn.CanReach(Bins[b], Fallback, condition.Low, condition.High, Min, Max, DateTimeUnit, Integer, Decimals) ? 1 : 0;
        return weights;
    }

    public override Column Render(int[] codes, int count, ref RandomStream random)
    {
        var values = new double[count];
        var validity = new Validity(count);
        for (int i = 0; i < count; i++)
        {
            int bin = codes[i];
            double v = bin < Bins.Length ? Bins[bin].Draw(ref random, Fallback) : double.NaN;
            if (double.IsNaN(v)) validity.Set(i, false);
            values[i] = v;
        }
        return NumericTreeColumn.ToColumn(Name, values, validity, Min, Max, DateTimeUnit, Integer, Decimals);
    }

    public override Column Generate(int[]?[] codes, int self, int count, long firstRow, ref RandomStream random)
    {
        var own = codes[self] = new int[count];
        var values = new double[count];
        var validity = new Validity(count);
        for (int i = 0; i < count; i++)
        {
            int bin = own[i] = Table.Draw(Table.ConfigurationOf(codes, i), ref random);
            double v = bin < Bins.Length ? Bins[bin].Draw(ref random, Fallback) : double.NaN;
            if (double.IsNaN(v)) validity.Set(i, false);
            values[i] = v;
        }
        return NumericTreeColumn.ToColumn(Name, values, validity, Min, Max, DateTimeUnit, Integer, Decimals);
    }
}
