namespace Doppel.Evaluation;

/// <summary>
/// SDMetrics' discretization of a numerical column for a mixed pair, on one table's own values:
/// <c>numpy.digitize(values, numpy.histogram_bin_edges(values.dropna()))</c>. The 11 edges are
/// min + k·((max − min)/10) for k = 0…9 and max itself (numpy's <c>linspace</c>, same operations so the same
/// doubles; a constant column gets [min − ½, max + ½]); a value's code is the number of edges at or below it, 0 to
/// 11, so the maximum gets 11 alone, and NaN sorts after every edge and gets 11 too.
/// </summary>
internal static class HistogramCodes
{
    /// <summary>The number of distinct codes (0 to 11).</summary>
    public const int Levels = EqualWidthBins.Count + 2;

    /// <summary>The code of every value, from edges learned on these values.</summary>
    public static int[] Of(double[] values, double[] sortedNonNull)
    {
        var codes = new int[values.Length];
        if (sortedNonNull.Length == 0)
        {
            Array.Fill(codes, Levels - 1); // numpy's edges of an empty array are [0, 1]; NaN still sorts last
            return codes;
        }
        var edges = Edges(sortedNonNull[0], sortedNonNull[^1]);
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            if (double.IsNaN(x)) { codes[i] = edges.Length; continue; }
            int code = 0;
            while (code < edges.Length && edges[code] <= x) code++;
            codes[i] = code;
        }
        return codes;
    }

    private static double[] Edges(double min, double max)
    {
        if (min == max)
        {
            min -= 0.5;
            max += 0.5;
        }
        var edges = new double[EqualWidthBins.Count + 1];
        double step = (max - min) / EqualWidthBins.Count;
        for (int k = 0; k < EqualWidthBins.Count; k++) edges[k] = k * step + min;
        edges[^1] = max;
        return edges;
    }
}
