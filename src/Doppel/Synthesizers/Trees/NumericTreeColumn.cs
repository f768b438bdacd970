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

    /// <summary>Per leaf, 1 when it can yield a value in the condition's interval, else 0; null for a condition on categories.</summary>
    public double[]? LeafMass(Expressions.ColumnCondition condition) => condition.Categories is not null ? null
        : [.. Leaves.Select(l => CanReach(l, Fallback, condition.Low, condition.High, Min, Max, DateTimeUnit, Integer, Decimals) ? 1.0 : 0.0)];

    /// <summary>The leaf row <paramref name="row"/> falls into.</summary>
    public int LeafOf(double[]?[] values, int row) => Tree.LeafOf(values, row);

    /// <summary>One value (NaN for null) from leaf <paramref name="leaf"/>, clamped and rounded as later trees read it.</summary>
    public double DrawValue(int leaf, ref RandomStream random) => Finish(Leaves[leaf].Draw(ref random, Fallback), Min, Max, DateTimeUnit, Integer, Decimals);

    /// <summary>Writes the column from values drawn by <see cref="DrawValue"/>.</summary>
    public Column Render(double[] own, int count)
    {
        var validity = new Validity(count);
        for (int i = 0; i < count; i++) if (double.IsNaN(own[i])) validity.Set(i, false);
        return ToColumn(Name, own, validity, Min, Max, DateTimeUnit, Integer, Decimals);
    }

    /// <summary>
    /// Whether <paramref name="leaf"/> can yield a value in [<paramref name="low"/>, <paramref name="high"/>] once
    /// clamped to [min, max] and rounded (generous: rows are checked against the condition afterwards).
    /// </summary>
    internal static bool CanReach(NumericLeaf leaf, NumericLeaf fallback, double low, double high, double min, double max, long dateTimeUnit, bool integer, int? decimals)
    {
        var (from, to) = leaf.Reach(fallback);
        if (from > to) return false;
        from = Math.Clamp(from, min, max);
        to = Math.Clamp(to, min, max);
        double slack = dateTimeUnit > 0 ? dateTimeUnit / 2.0 : integer ? 0.5 : decimals is { } d ? 0.5 * Math.Pow(10, -Math.Min(d, 15)) : 0;
        slack += 1e-9 * Math.Max(Math.Abs(from), Math.Abs(to)); // rounding in the interpolation
        return from - slack <= high && to + slack >= low;
    }

    /// <summary>A drawn value clamped to [min, max] and rounded as in the real data.</summary>
    internal static double Finish(double v, double min, double max, long dateTimeUnit, bool integer, int? decimals)
    {
        v = Math.Clamp(v, min, max);
        if (dateTimeUnit > 0) v = Math.Round(v / dateTimeUnit) * dateTimeUnit;
        else if (integer) v = Math.Round(v);
        else if (decimals is { } d) v = Math.Round(v, Math.Min(d, 15));
        return v;
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
            if (!double.IsNaN(own[i])) own[i] = Finish(own[i], min, max, dateTimeUnit, integer, decimals);
        }
        if (dateTimeUnit == 0) return new NumberColumn(name, [.. own.Select(v => double.IsNaN(v) ? 0 : v)], validity);
        var ticks = new long[count];
        for (int i = 0; i < count; i++)
            if (validity.IsValid(i)) ticks[i] = (long)Math.Clamp(own[i], DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
        return new DateTimeColumn(name, ticks, validity);
    }
}
