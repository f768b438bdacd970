using System.Text.Json.Serialization;
using Doppel.Data;
using Doppel.Sampling;
using Doppel.Synthesizers.Bayes;
using Doppel.Synthesizers.Trees;

namespace Doppel.Synthesizers.Mst;

/// <summary>
/// A numeric or datetime column of a differentially private model: its code (a run of adjacent cells) is drawn from
/// the conditional table given its parent, then a cell of the run in proportion to the noisy one-way counts, then a
/// value uniformly within the cell (whole numbers uniformly among the cell's). Cells depend only on the bounds.
/// </summary>
internal sealed class DpNumericNode : BayesNode
{
    /// <summary>Round to whole numbers.</summary>
    public bool Integer { get; init; }

    /// <summary>Digits after the point to keep, or null for full precision.</summary>
    public int? Decimals { get; init; }

    /// <summary>Values are <see cref="DateTime"/> ticks rounded to this many ticks; 0 for numbers.</summary>
    public long DateTimeUnit { get; init; }

    /// <summary>Per cell the lower end of its range.</summary>
    public required double[] Lower { get; init; }

    /// <summary>Per cell the upper end of its range.</summary>
    public required double[] Upper { get; init; }

    /// <summary>The null cell follows the ranges.</summary>
    public bool HasNullCell { get; init; }

    /// <summary>Per code its group of cells.</summary>
    public required DpGroup[] Groups { get; init; }

    /// <summary>The code's conditional table given the parent.</summary>
    public required ConditionalTable Table { get; init; }

    /// <summary>Number of codes.</summary>
    [JsonIgnore]
    public int Codes => Groups.Length;

    public bool IsConsistent() =>
        Table.Codes == Codes && Lower.Length > 0 && Lower.Length == Upper.Length && Lower.Zip(Upper).All(p => p.First <= p.Second)
        && Groups.All(g => g.IsConsistent(Lower.Length + (HasNullCell ? 1 : 0)));

    /// <inheritdoc/>
    /// <remarks>A code counts when a cell of its group with weight overlaps the interval (generously, for rounding).</remarks>
    public override double[]? Evidence(Expressions.ColumnCondition condition)
    {
        if (condition.Categories is not null) return null;
        double slack = DateTimeUnit > 0 ? DateTimeUnit / 2.0 : Integer ? 0.5 : Decimals is { } d ? 0.5 * Math.Pow(10, -Math.Min(d, 15)) : 0;
        bool Reaches(int cell) => cell < Lower.Length && Lower[cell] - slack <= condition.High && Upper[cell] + slack >= condition.Low;
        return [.. Groups.Select(g => g.Cells.Where((cell, j) => g.Weights[j] > 0 && Reaches(cell)).Any() ? 1.0 : 0.0)];
    }

    /// <inheritdoc/>
    public override Column Render(int[] codes, int count, ref RandomStream random)
    {
        var values = new double[count];
        var validity = new Validity(count);
        for (int i = 0; i < count; i++)
        {
            int cell = Groups[codes[i]].Draw(ref random);
            if (cell >= Lower.Length) { validity.Set(i, false); values[i] = double.NaN; continue; }
            double lo = Lower[cell], hi = Upper[cell];
            values[i] = Integer && hi - lo < int.MaxValue ? lo + random.NextInt((int)(hi - lo) + 1) : lo + random.NextDouble() * (hi - lo);
        }
        return NumericTreeColumn.ToColumn(Name, values, validity, Lower[0], Upper[^1], DateTimeUnit, Integer, Decimals);
    }

    public override Column Generate(int[]?[] codes, int self, int count, long firstRow, ref RandomStream random)
    {
        var own = codes[self] = new int[count];
        var values = new double[count];
        var validity = new Validity(count);
        for (int i = 0; i < count; i++)
        {
            int code = own[i] = Table.Draw(Table.ConfigurationOf(codes, i), ref random);
            int cell = Groups[code].Draw(ref random);
            if (cell >= Lower.Length) { validity.Set(i, false); values[i] = double.NaN; continue; }
            double lo = Lower[cell], hi = Upper[cell];
            values[i] = Integer && hi - lo < int.MaxValue ? lo + random.NextInt((int)(hi - lo) + 1) : lo + random.NextDouble() * (hi - lo);
        }
        return NumericTreeColumn.ToColumn(Name, values, validity, Lower[0], Upper[^1], DateTimeUnit, Integer, Decimals);
    }
}
