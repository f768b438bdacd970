namespace Doppel.Schema.Generators;

/// <summary>
/// Finds where a draw falls in a non-decreasing cumulative table in constant expected time: a guide table over
/// twice as many equal slices of [0, total] as the table has entries gives a starting index at or before the answer
/// (Chen and Asau's indexed search), then a short forward scan. The hot path of every weighted draw, where a binary
/// search over a thousand entries cost more than drawing the value.
/// </summary>
internal sealed class CdfSearch
{
    private readonly double[] _cdf;
    private readonly int[] _guide;
    private readonly double _slicesPerUnit;

    /// <param name="cdf">Non-decreasing, non-empty, with a positive last entry (the total).</param>
    public CdfSearch(double[] cdf)
    {
        _cdf = cdf;
        int slices = 2 * cdf.Length;
        double total = cdf[^1];
        _slicesPerUnit = total > 0 ? slices / total : 0;
        _guide = new int[slices + 1];
        int i = 0;
        for (int j = 0; j <= slices; j++)
        {
            double edge = j * (total / slices);
            while (i < cdf.Length - 1 && cdf[i] < edge) i++;
            _guide[j] = i;
        }
    }

    /// <summary>The first index whose entry is at least <paramref name="x"/>; the last index when none is.</summary>
    public int FirstAtLeast(double x)
    {
        int i = Start(x), last = _cdf.Length - 1;
        while (i < last && _cdf[i] < x) i++;
        return i;
    }

    /// <summary>The first index whose entry exceeds <paramref name="x"/> (never an entry of zero weight); the last index when none does.</summary>
    public int FirstAbove(double x)
    {
        int i = Start(x), last = _cdf.Length - 1;
        while (i < last && _cdf[i] <= x) i++;
        return i;
    }

    // One slice back from x's slice: its edge is at or below x whatever the rounding, so the scan starts at or before the answer.
    private int Start(double x) => _guide[Math.Clamp((int)(x * _slicesPerUnit) - 1, 0, _guide.Length - 1)];
}
