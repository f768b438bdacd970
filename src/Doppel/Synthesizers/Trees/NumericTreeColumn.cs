using System.Text.Json.Serialization;
using Doppel.Data;
using Doppel.Sampling;

namespace Doppel.Synthesizers.Trees;

/// <summary>
/// A numeric or datetime column drawn from the smoothed distribution of the leaf its row falls into, rounded as
/// in the real data (whole numbers, the column's decimals, the datetime format's unit).
/// </summary>
internal sealed class NumericTreeColumn : TreeColumn
{
    /// <summary>Round to whole numbers.</summary>
    public bool Integer { get; init; }

    /// <summary>Digits after the point to keep, or null for full precision.</summary>
    public int? Decimals { get; init; }

    /// <summary>Values are <see cref="DateTime"/> ticks rounded to this many ticks; 0 for numbers.</summary>
    public long DateTimeUnit { get; init; }

    /// <summary>Smallest training value (draws are clamped to the column's bounds, as the copula's marginal is).</summary>
    public double Min { get; init; }

    /// <summary>Largest training value.</summary>
    public double Max { get; init; }

    /// <summary>The tree over earlier columns (a single leaf for the first column).</summary>
    public required DecisionTree Tree { get; init; }

    /// <summary>Per leaf: its distribution.</summary>
    public required NumericLeaf[] Leaves { get; init; }

    /// <summary>The column-wide distribution for leaves too small to smooth.</summary>
    public required NumericLeaf Fallback { get; init; }

    [JsonIgnore]
    public override IEnumerable<int> Reads => Tree.Feature.Where(f => f >= 0).Distinct();

    public override bool IsConsistent(TreeColumn[] columns) =>
        Tree.IsConsistent(f => CodesOf(columns, f)) && Tree.LeafCount() == Leaves.Length
        && Leaves.Append(Fallback).All(l => l.Points.Length == l.PointShares.Length) && !Fallback.NeedsFallback && Min <= Max;

    public override Column Generate(double[]?[] values, int self, int count, long firstRow, ref RandomStream random)
    {
        var own = values[self] = new double[count];
        var validity = new Validity(count);
        for (int i = 0; i < count; i++)
        {
            double v = Leaves[Tree.LeafOf(values, i)].Draw(ref random, Fallback);
            if (double.IsNaN(v)) validity.Set(i, false);
            own[i] = v;
        }
        return ToColumn(Name, own, validity, Min, Max, DateTimeUnit, Integer, Decimals);
    }

    /// <summary>
    /// Clamps the valid values of <paramref name="own"/> (NaN for null) to [min, max], rounds them in place as in the
    /// real data (datetime unit, whole numbers or decimals) and wraps them as a number or datetime column.
    /// </summary>
    internal static Column ToColumn(string name, double[] own, Validity validity, double min, double max, long dateTimeUnit, bool integer, int? decimals)
    {
        int count = own.Length;
        for (int i = 0; i < count; i++)
        {
            double v = own[i];
            if (double.IsNaN(v)) continue;
            v = Math.Clamp(v, min, max);
            if (dateTimeUnit > 0) v = Math.Round(v / dateTimeUnit) * dateTimeUnit;
            else if (integer) v = Math.Round(v);
            else if (decimals is { } d) v = Math.Round(v, Math.Min(d, 15));
            own[i] = v;
        }
        if (dateTimeUnit == 0) return new NumberColumn(name, [.. own.Select(v => double.IsNaN(v) ? 0 : v)], validity);
        var ticks = new long[count];
        for (int i = 0; i < count; i++)
            if (validity.IsValid(i)) ticks[i] = (long)Math.Clamp(own[i], DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
        return new DateTimeColumn(name, ticks, validity);
    }
}
