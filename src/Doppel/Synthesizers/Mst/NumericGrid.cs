namespace Doppel.Synthesizers.Mst;

/// <summary>
/// The fine cells a numeric or datetime column is measured on, fixed by its bounds alone (never by the values):
/// every whole number its own cell when there are at most <see cref="MaxUnitCells"/>; otherwise a point cell at the
/// lower bound (the zeros of capital-gain) and about <see cref="Cells"/> cells above it: of equal width, and, when
/// the range starts at (about) zero, half of them log-spaced so that heavy tails keep their detail near zero.
/// </summary>
internal static class NumericGrid
{
    public const int MaxUnitCells = 128;
    public const int Cells = 64;

    /// <summary>Per cell its closed range [lower, upper], in increasing order; for whole numbers both ends are whole.</summary>
    public static (double[] Lower, double[] Upper) Of(double min, double max, bool integer)
    {
        if (integer)
        {
            min = Math.Ceiling(min);
            max = Math.Max(min, Math.Floor(max));
            if (max - min + 1 <= MaxUnitCells)
            {
                var values = Enumerable.Range(0, (int)(max - min + 1)).Select(i => min + i).ToArray();
                return (values, [.. values]);
            }
        }
        if (max <= min) return ([min], [max]);
        double range = max - min;
        var edges = new SortedSet<double>();
        for (int i = 1; i <= Cells; i++) edges.Add(min + range * i / Cells);
        double smallest = integer ? 1 : range * 1e-6;
        if (min >= 0 && min <= range * 1e-4 && range / smallest > 1000)
        {
            edges.RemoveWhere(e => e < min + range / 2); // keep the upper half of the linear edges …
            for (int i = 0; i <= Cells / 2; i++) edges.Add(min + smallest * Math.Pow(range / smallest, (double)i / (Cells / 2))); // … and log-spaced ones below
        }
        var lower = new List<double> { min };
        var upper = new List<double> { min };
        double from = min;
        foreach (double edge in edges)
        {
            double a = integer ? Math.Floor(from) + 1 : from, b = integer ? Math.Floor(edge) : edge;
            if (b < a || (!integer && b <= a)) continue;
            lower.Add(a);
            upper.Add(b);
            from = b;
        }
        return ([.. lower], [.. upper]);
    }

    /// <summary>The cell holding <paramref name="value"/> (clamped to the bounds): the first whose upper end reaches it.</summary>
    public static int CellOf(double value, double[] upper)
    {
        int lo = 0, hi = upper.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (upper[mid] >= value) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
