namespace Doppel.Evaluation;

/// <summary>
/// Ten equal-width bins over a range, as <c>numpy.histogram_bin_edges(real, bins=10)</c> computes them: edges
/// min + k·(max − min)/10; a constant column gets the range [min − ½, max + ½]. A value goes to the bin whose
/// left edge it reaches (bins are closed on the left, the last also on the right); values outside the range
/// clamp to the first or last bin.
/// </summary>
internal sealed class EqualWidthBins
{
    /// <summary>The number of bins.</summary>
    public const int Count = 10;

    private readonly double[] _inner = new double[Count - 1];

    /// <summary>Bins over [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public EqualWidthBins(double min, double max)
    {
        if (min == max)
        {
            min -= 0.5;
            max += 0.5;
        }
        double step = (max - min) / Count;
        for (int k = 1; k < Count; k++) _inner[k - 1] = k * step + min;
    }

    /// <summary>The bin of a value (0 to 9).</summary>
    public int Of(double value)
    {
        int bin = 0;
        while (bin < _inner.Length && value >= _inner[bin]) bin++;
        return bin;
    }

    /// <summary>The bin of every value; −1 for NaN (null).</summary>
    public int[] Apply(double[] values)
    {
        var bins = new int[values.Length];
        for (int i = 0; i < values.Length; i++) bins[i] = double.IsNaN(values[i]) ? -1 : Of(values[i]);
        return bins;
    }
}
