using Doppel.Expressions;
using Doppel.Sampling;
using Doppel.Synthesizers.Columns;

namespace Doppel.Synthesizers;

/// <summary>
/// Sampling the copula under a condition through its conditional distribution rather than by rejection: the most
/// restrictive conditioned column's latent score is drawn from the standard normal truncated to the part of [0, 1)
/// its allowed values occupy (exact inverse-CDF draws), and every other latent score from its Gaussian conditional
/// given that one. The allowed region is covered exactly or slightly generously, so the rows it yields are then
/// checked against the whole condition: the result is the exact conditional distribution, at a fraction of the
/// cost of rejection when the condition is rare.
/// </summary>
internal sealed class CopulaConditional
{
    private readonly int _dim;                 // the conditioned latent dimension
    private readonly int[] _others;            // every other dimension, in order
    private readonly double[] _lows, _cumulative; // allowed u-intervals: starts, and cumulative widths
    private readonly double[] _widths;
    private readonly double[] _regression;     // E[z_other | z_dim] = regression · z_dim
    private readonly double[] _factor;         // lower Cholesky factor of the conditional covariance

    /// <summary>The other conditioned dimensions (indices into <see cref="_others"/>) and their allowed u-intervals.</summary>
    private (int Other, (double Lo, double Hi)[] Intervals)[] _secondary = [];

    /// <summary>Tries per row, on average over a batch, before it gives up on the other conditioned columns (at least a million).</summary>
    private const long MaxTriesPerRow = 1_000;

    private CopulaConditional(int dim, int[] others, (double Lo, double Hi)[] intervals, double[] regression, double[] factor)
    {
        _dim = dim;
        _others = others;
        _lows = [.. intervals.Select(i => i.Lo)];
        _widths = [.. intervals.Select(i => i.Hi - i.Lo)];
        _cumulative = new double[intervals.Length];
        double total = 0;
        for (int i = 0; i < intervals.Length; i++) { total += _widths[i]; _cumulative[i] = total; }
        _regression = regression;
        _factor = factor;
    }

    /// <summary>Share of the latent distribution the allowed region holds (the acceptance rate rejection would have).</summary>
    public double Mass => _cumulative.Length == 0 ? 0 : _cumulative[^1];

    /// <summary>
    /// A conditional sampler for the most restrictive usable condition, or null when none can be used. The other
    /// usable conditions are met in latent space: a row whose latent scores fall outside their allowed intervals is
    /// drawn again (exact rejection on cheap latent draws, before anything is decoded).
    /// </summary>
    public static CopulaConditional? For(CopulaGenerator generator, IReadOnlyDictionary<string, ColumnCondition> conditions, Metadata.TableMetadata metadata)
    {
        var usable = new List<(int Dim, (double Lo, double Hi)[] Intervals)>();
        for (int c = 0; c < generator.Columns.Length; c++)
        {
            if (!conditions.TryGetValue(metadata.Columns[c].Name, out var condition)) continue;
            var intervals = generator.Columns[c] switch
            {
                CategoricalColumnModel categorical when condition.Categories is { } allowed => categorical.AllowedIntervals(allowed),
                NumericColumnModel numeric when condition.Categories is null => numeric.AllowedInterval(condition.Low, condition.High),
                _ => null,
            };
            if (intervals is null) continue;
            usable.Add((generator.Offset(c), intervals));
        }
        if (usable.Count == 0) return null;
        // The most restrictive condition (least latent mass) is drawn exactly; ties go to the first column.
        var first = usable.MinBy(u => u.Intervals.Sum(i => i.Hi - i.Lo));
        var best = Build(generator, first.Dim, first.Intervals);
        best._secondary = [.. usable.Where(u => u.Dim != first.Dim).Select(u => (Array.IndexOf(best._others, u.Dim), u.Intervals))];
        return best;
    }

    private static CopulaConditional Build(CopulaGenerator generator, int dim, (double Lo, double Hi)[] intervals)
    {
        int d = generator.Dimensions;
        // The latent correlation R = L·Lᵀ (identity for the independent baseline).
        var r = new double[d * d];
        if (generator.Cholesky is { } l)
        {
            for (int i = 0; i < d; i++)
                for (int j = 0; j <= i; j++)
                {
                    double sum = 0;
                    for (int k = 0; k <= j; k++) sum += l[i * d + k] * l[j * d + k];
                    r[i * d + j] = r[j * d + i] = sum;
                }
        }
        else for (int i = 0; i < d; i++) r[i * d + i] = 1;

        int[] others = [.. Enumerable.Range(0, d).Where(i => i != dim)];
        int m = others.Length;
        double[] regression = [.. others.Select(i => r[i * d + dim])];
        // Conditional covariance: R_oo − r·rᵀ (R_jj = 1), factored with a little jitter if rounding made it indefinite.
        var covariance = new double[m * m];
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++)
                covariance[a * m + b] = r[others[a] * d + others[b]] - regression[a] * regression[b];
        double[] factor = covariance;
        for (double jitter = 0; ; jitter = jitter == 0 ? 1e-10 : jitter * 10)
        {
            factor = (double[])covariance.Clone();
            for (int a = 0; a < m; a++) factor[a * m + a] += jitter;
            if (m == 0 || Correlation.TryCholesky(factor, m) || jitter > 1) break;
        }
        return new CopulaConditional(dim, others, intervals, regression, factor);
    }

    /// <summary>Fills the batch's latent scores (column-major, <paramref name="count"/> per dimension).</summary>
    public void Fill(Span<double> z, Span<double> epsilon, int count, ref RandomStream random)
    {
        if (_secondary.Length > 0) { FillRows(z, count, ref random); return; }
        var conditioned = z.Slice(_dim * count, count);
        double total = Mass;
        for (int row = 0; row < count; row++)
        {
            // Pick an allowed interval in proportion to its width, then a uniform point in it.
            double v = random.NextDouble() * total;
            int k = 0;
            while (k < _cumulative.Length - 1 && v >= _cumulative[k]) k++;
            double offset = v - (k == 0 ? 0 : _cumulative[k - 1]);
            double u = Math.Clamp(_lows[k] + offset, 1e-300, 1 - 1e-16);
            conditioned[row] = Normal.Quantile(u);
        }
        int m = _others.Length;
        for (int a = 0; a < m; a++)
        {
            var target = z.Slice(_others[a] * count, count);
            double beta = _regression[a];
            for (int row = 0; row < count; row++) target[row] = beta * conditioned[row];
        }
        for (int b = 0; b < m; b++)
        {
            random.FillNormal(epsilon);
            for (int a = b; a < m; a++)
            {
                double f = _factor[a * m + b];
                if (f == 0) continue;
                var target = z.Slice(_others[a] * count, count);
                for (int row = 0; row < count; row++) target[row] += f * epsilon[row];
            }
        }
    }

    /// <summary>
    /// Row by row (several conditioned columns): the conditioned score from its truncated normal, the others from
    /// their conditional given it; the row is drawn again until every other conditioned score is allowed.
    /// </summary>
    private void FillRows(Span<double> z, int count, ref RandomStream random)
    {
        int m = _others.Length;
        var epsilon = new double[m];
        var other = new double[m];
        long tries = 0, budget = Math.Max(1_000_000, count * MaxTriesPerRow);
        for (int row = 0; row < count; row++)
        {
            for (; ; )
            {
                if (++tries > budget)
                    throw new DoppelException(ErrorKind.Unsatisfiable,
                        $"The model almost never generates rows meeting the condition: {row:N0} rows kept in {budget:N0} tries. Relax the condition.");
                double conditioned = Normal.Quantile(DrawAllowed(ref random));
                for (int b = 0; b < m; b++) epsilon[b] = random.NextNormal();
                for (int a = 0; a < m; a++)
                {
                    double sum = _regression[a] * conditioned;
                    for (int b = 0; b <= a; b++) sum += _factor[a * m + b] * epsilon[b];
                    other[a] = sum;
                }
                if (!_secondary.All(s => Inside(Normal.Cdf(other[s.Other]), s.Intervals))) continue;
                z[_dim * count + row] = conditioned;
                for (int a = 0; a < m; a++) z[_others[a] * count + row] = other[a];
                break;
            }
        }
    }

    /// <summary>A uniform point of the allowed region of the conditioned dimension.</summary>
    private double DrawAllowed(ref RandomStream random)
    {
        double v = random.NextDouble() * Mass;
        int k = 0;
        while (k < _cumulative.Length - 1 && v >= _cumulative[k]) k++;
        double offset = v - (k == 0 ? 0 : _cumulative[k - 1]);
        return Math.Clamp(_lows[k] + offset, 1e-300, 1 - 1e-16);
    }

    private static bool Inside(double u, (double Lo, double Hi)[] intervals)
    {
        foreach (var (lo, hi) in intervals) if (u >= lo && u <= hi) return true;
        return false;
    }
}
