using Doppel.Transforms;

namespace Doppel.Synthesizers.Trees;

/// <summary>
/// An earlier column as the trees see it while fitting: one small integer code per training row. Numbers are
/// pre-binned into at most <see cref="MaxBins"/> quantile bins (plus a null bin), so split search is a scan over
/// histograms; categories keep their codes, null being a code of its own.
/// </summary>
internal sealed class Predictor
{
    /// <summary>Most bins a numeric predictor gets (the null bin excluded).</summary>
    public const int MaxBins = 64;

    private Predictor(int column, bool categorical, int[] codes, int bins, double[] cuts)
    {
        Column = column;
        Categorical = categorical;
        Codes = codes;
        Bins = bins;
        Cuts = cuts;
    }

    /// <summary>The column (metadata index).</summary>
    public int Column { get; }

    /// <summary>Category codes (split by sets) rather than ordered bins (split by thresholds).</summary>
    public bool Categorical { get; }

    /// <summary>Per training row: the bin or category code.</summary>
    public int[] Codes { get; }

    /// <summary>
    /// The codes as bytes, for a predictor of at most 256 codes (the trees use no other): split search reads a code
    /// per row per node, and a quarter of the memory keeps more of them in cache.
    /// </summary>
    public byte[] NarrowCodes => LazyInitializer.EnsureInitialized(ref _narrowCodes, () =>
    {
        if (Bins > 256) throw new InvalidOperationException($"A predictor of {Bins} codes has no byte codes.");
        var narrow = new byte[Codes.Length];
        for (int i = 0; i < narrow.Length; i++) narrow[i] = (byte)Codes[i];
        return narrow;
    });

    private byte[]? _narrowCodes;

    /// <summary>Number of codes; for numbers the last one is the null bin.</summary>
    public int Bins { get; }

    /// <summary>Numbers: <c>Cuts[t]</c> separates bin t from bin t + 1 when generated values are routed (the mean of the 2k values around the boundary).</summary>
    public double[] Cuts { get; }

    /// <summary>Numbers: the null bin.</summary>
    public int NullBin => Bins - 1;

    public static Predictor OfCategories(int column, int[] codes, int codeCount) => new(column, true, codes, codeCount, []);

    /// <summary>Bins numbers (NaN for null) at their quantiles; a value with many ties stays one bin.</summary>
    public static Predictor OfNumbers(int column, double[] values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).ToArray();
        Array.Sort(sorted);
        int m = sorted.Length;
        // Upper bounds: the largest real value of each bin, at evenly spaced ranks, ties merged.
        var upper = new List<double>();
        for (int j = 1; j <= MaxBins && m > 0; j++)
        {
            double u = sorted[(int)Math.Ceiling((double)j * m / MaxBins) - 1];
            if (upper.Count == 0 || u > upper[^1]) upper.Add(u);
        }
        var cuts = new double[Math.Max(0, upper.Count - 1)];
        for (int t = 0; t < cuts.Length; t++)
        {
            int next = sorted.AsSpan().BinarySearch(upper[t]);
            while (next < m && sorted[next] <= upper[t]) next++;
            // Not the midpoint of two rows' values (either would solve back from the other): the mean of the 2k
            // values around the boundary. Fitting codes rows by bin; the cut only routes generated values.
            int from = Math.Max(0, next - ProtectedTails.K), to = Math.Min(m, next + ProtectedTails.K);
            cuts[t] = ProtectedTails.Mean(sorted.AsSpan(from, to - from));
        }
        var bounds = upper.ToArray();
        var codes = new int[values.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            double v = values[i];
            if (double.IsNaN(v)) { codes[i] = bounds.Length; continue; }
            int b = Array.BinarySearch(bounds, v);
            codes[i] = b >= 0 ? b : ~b;
        }
        return new Predictor(column, false, codes, bounds.Length + 1, cuts);
    }
}
