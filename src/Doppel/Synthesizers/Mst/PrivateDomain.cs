using Doppel.Data;
using Doppel.Privacy.Dp;

namespace Doppel.Synthesizers.Mst;

/// <summary>
/// Estimates a column's domain under differential privacy when it is not declared public: the categories by a
/// thresholded noisy histogram, the bounds of numbers and dates by a noisy histogram over a fixed grid of
/// magnitudes (or months).
/// </summary>
internal static class PrivateDomain
{
    /// <summary>
    /// Categories whose noisy count clears a threshold set so that a category held by a single row is released with
    /// probability at most <paramref name="delta"/> (the Gaussian sparse histogram: ρ-zCDP for counts both neighbours
    /// hold, plus δ). Sorted by name, so the order reveals nothing.
    /// </summary>
    public static string[] Categories(Column column, double rho, double delta, NoiseSource noise)
    {
        var (names, source) = column switch
        {
            BooleanColumn => ((string[])["false", "true"], Array.Empty<int>()),
            CategoryColumn c => (c.Categories, c.Codes),
            _ => throw new InvalidOperationException($"Column '{column.Name}' is not categorical."),
        };
        if (column is BooleanColumn) return names; // a boolean's domain is its type
        var counts = new long[names.Length];
        for (int i = 0; i < source.Length; i++) if (!column.IsNull(i)) counts[source[i]]++;
        double sigma2 = 1 / (2 * rho);
        double threshold = 1 + Math.Sqrt(DiscreteGaussian.EffectiveVariance(sigma2)) * Math.Sqrt(2 * Math.Log(1 / delta));
        var kept = new List<string>();
        for (int j = 0; j < names.Length; j++)
            if (counts[j] > 0 && counts[j] + DiscreteGaussian.Sample(sigma2, noise) >= threshold) kept.Add(names[j]);
        kept.Sort(StringComparer.Ordinal);
        return [.. kept];
    }

    /// <summary>
    /// Bounds from a noisy histogram over fixed buckets (numbers: sign and magnitude, four buckets per power of two;
    /// datetimes: months from 1900 to 2100): the outermost buckets whose noisy count clears a threshold that an empty
    /// bucket passes with probability about 1%. Null when none does (the budget is too small).
    /// </summary>
    public static (double Min, double Max)? Bounds(Column column, double rho, NoiseSource noise)
    {
        Buckets buckets = column is DateTimeColumn ? MonthBuckets.Instance : MagnitudeBuckets.Instance;
        var counts = new long[buckets.Count];
        for (int i = 0; i < column.Length; i++)
        {
            if (column.IsNull(i)) continue;
            double v = column is DateTimeColumn d ? d.Ticks[i] : ((NumberColumn)column).Values[i];
            counts[buckets.IndexOf(v)]++;
        }
        double sigma2 = 1 / (2 * rho);
        double threshold = Math.Sqrt(DiscreteGaussian.EffectiveVariance(sigma2)) * Math.Sqrt(2 * Math.Log(buckets.Count / 0.01));
        int first = -1, last = -1;
        for (int b = 0; b < counts.Length; b++)
        {
            if (counts[b] + DiscreteGaussian.Sample(sigma2, noise) < threshold) continue;
            if (first < 0) first = b;
            last = b;
        }
        return first < 0 ? null : (buckets.Lower(first), buckets.Upper(last));
    }

    private abstract class Buckets
    {
        public abstract int Count { get; }
        public abstract int IndexOf(double value);
        public abstract double Lower(int bucket);
        public abstract double Upper(int bucket);
    }

    /// <summary>Zero, and ±[2^(k/4), 2^((k+1)/4)) for k from −160 to 255 (about 1e−12 to 1e19).</summary>
    private sealed class MagnitudeBuckets : Buckets
    {
        public static readonly MagnitudeBuckets Instance = new();
        private const int MinK = -160, MaxK = 255, Side = MaxK - MinK + 1;

        public override int Count => 2 * Side + 1;

        public override int IndexOf(double value)
        {
            if (value == 0 || Math.Abs(value) < Math.Pow(2, MinK / 4.0)) return Side;
            int k = Math.Clamp((int)Math.Floor(4 * Math.Log2(Math.Abs(value))), MinK, MaxK) - MinK;
            return value > 0 ? Side + 1 + k : Side - 1 - k;
        }

        public override double Lower(int bucket) =>
            bucket == Side ? 0 : bucket > Side ? Math.Pow(2, (bucket - Side - 1 + MinK) / 4.0) : -Math.Pow(2, (Side - bucket + MinK) / 4.0);

        public override double Upper(int bucket) =>
            bucket == Side ? 0 : bucket > Side ? Math.Pow(2, (bucket - Side + MinK) / 4.0) : -Math.Pow(2, (Side - 1 - bucket + MinK) / 4.0);
    }

    /// <summary>Calendar months from January 1900 to December 2100 (dates outside fall into the first or last).</summary>
    private sealed class MonthBuckets : Buckets
    {
        public static readonly MonthBuckets Instance = new();
        private static readonly DateTime Start = new(1900, 1, 1);

        public override int Count => 201 * 12;

        public override int IndexOf(double ticks)
        {
            var date = new DateTime((long)Math.Clamp(ticks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks));
            return Math.Clamp((date.Year - 1900) * 12 + date.Month - 1, 0, Count - 1);
        }

        public override double Lower(int bucket) => Start.AddMonths(bucket).Ticks;

        public override double Upper(int bucket) => Start.AddMonths(bucket + 1).Ticks - 1;
    }
}
