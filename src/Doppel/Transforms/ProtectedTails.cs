namespace Doppel.Transforms;

/// <summary>
/// How a numeric or datetime column's values may enter a model without any one row being read back from it.
/// The <see cref="Trimmed"/> = k − 1 most extreme values on each side enter only by their count, never by their
/// magnitude: a model fitted with a planted extreme is the same whatever the planted value, so no stored number
/// equals it or solves back to it. The rest (the core) is summarized by means of disjoint blocks of at least k
/// consecutive order statistics, and the tails beyond the core are extrapolated from the outermost blocks.
/// </summary>
/// <remarks>
/// Disjoint blocks matter: means of overlapping windows that slide by one rank differ by (x[i + k] − x[i]) / k,
/// so neighbouring knots could be subtracted to recover single values. A block mean with k − 1 known members
/// still reveals the last one, which is why the extremes (the members an attacker can guess: a point mass next
/// to them, or the data without the planted row) never join a block.
/// </remarks>
internal sealed class ProtectedTails
{
    /// <summary>GUIDE's k: the fewest rows any stored summary is made of.</summary>
    public const int K = 5;

    /// <summary>Values on each side that enter only by their count.</summary>
    public const int Trimmed = K - 1;

    /// <summary>Fewest non-null values a column needs for its values to be modelled (and rows a table needs).</summary>
    public const int MinValues = 4 * K;

    private readonly double _coreLow, _coreHigh;

    private ProtectedTails(double coreLow, double coreHigh, double low, double high)
    {
        _coreLow = coreLow;
        _coreHigh = coreHigh;
        Low = low;
        High = high;
    }

    /// <summary>The smallest value a model may generate: extrapolated, never a row's value.</summary>
    public double Low { get; }

    /// <summary>The largest value a model may generate.</summary>
    public double High { get; }

    /// <summary>
    /// The protection for a column with these sorted non-null values, or null when there are fewer than
    /// <see cref="MinValues"/> of them (too few to hide any one: the column is modelled as all null).
    /// </summary>
    public static ProtectedTails? Of(ReadOnlySpan<double> sorted)
    {
        if (sorted.Length < MinValues) return null;
        var (_, q) = QuantileFunction(sorted);
        return new ProtectedTails(sorted[Trimmed], sorted[^(Trimmed + 1)], q[0], q[^1]);
    }

    /// <summary>Whether a value may join a summary (it lies within the core); the others count only as mass.</summary>
    /// <remarks>The core's ends are used while fitting only and never stored.</remarks>
    public bool Keeps(double value) => value >= _coreLow && value <= _coreHigh;

    /// <summary>
    /// A piecewise-linear quantile function of at least <see cref="MinValues"/> sorted values: at probability
    /// <c>P[j]</c> the value <c>Q[j]</c>. Inner points are means of disjoint blocks of k to 2k − 1 core values at
    /// their blocks' mid ranks; the first and last (at 0 and 1) continue the slope of the two outermost blocks,
    /// never past zero when the core does not cross it (positive data stays positive).
    /// </summary>
    public static (double[] P, double[] Q) QuantileFunction(ReadOnlySpan<double> sorted)
    {
        int n = sorted.Length;
        if (n < MinValues) throw new ArgumentException($"At least {MinValues} values are needed.", nameof(sorted));
        var core = sorted[Trimmed..(n - Trimmed)];
        int m = core.Length, blocks = m / K;
        var p = new double[blocks + 2];
        var q = new double[blocks + 2];
        for (int j = 0; j < blocks; j++)
        {
            int from = (int)((long)j * m / blocks), to = (int)((long)(j + 1) * m / blocks);
            q[j + 1] = Mean(core[from..to]);
            p[j + 1] = (Trimmed + (from + to) / 2.0) / n; // the block's mid rank, as (i + ½) / n
        }
        p[^1] = 1;
        q[0] = Extrapolate(q[1], p[1], q[2], p[2], 0);
        q[^1] = Extrapolate(q[^2], p[^2], q[^3], p[^3], 1);
        if (core[0] >= 0) q[0] = Math.Max(q[0], 0);
        if (core[^1] <= 0) q[^1] = Math.Min(q[^1], 0);
        return (p, q);
    }

    /// <summary>The value at probability <paramref name="target"/> on the line through the outer point (a at pa) and its neighbour (b at pb).</summary>
    internal static double Extrapolate(double a, double pa, double b, double pb, double target)
    {
        if (a == b) return a;
        double half = a / 2 - b / 2; // halves first: no overflow near ±1e308
        double v = a + 2 * half * ((target - pa) / (pa - pb));
        return double.IsNaN(v) ? a : Math.Clamp(v, -double.MaxValue, double.MaxValue);
    }

    /// <summary>The mean, exact for equal values (a point mass stays a point) and without overflow near ±1e308.</summary>
    internal static double Mean(ReadOnlySpan<double> values)
    {
        if (values[0] == values[^1]) return values[0];
        double mean = 0;
        for (int i = 0; i < values.Length; i++) mean += values[i] / (i + 1) - mean / (i + 1); // no difference of two values: finite near ±1e308
        return Math.Clamp(mean, values[0], values[^1]);
    }
}
