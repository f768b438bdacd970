using Doppel.Sampling;

namespace Doppel.Synthesizers.Mst;

/// <summary>
/// A code of a DP model's column: a group of fine cells and how often each was seen in the noisy one-way marginal
/// (clipped at zero; all equal when the noise left none positive). A draw of the code picks one cell in proportion.
/// </summary>
/// <param name="Cells">The fine cells (indices into the node's categories or numeric ranges; the null cell last).</param>
/// <param name="Weights">Per cell its non-negative weight.</param>
internal sealed record DpGroup(int[] Cells, double[] Weights)
{
    private double[]? _cumulative;

    /// <summary>Picks a cell.</summary>
    public int Draw(ref RandomStream random)
    {
        if (Cells.Length == 1) return Cells[0];
        var cumulative = _cumulative ??= Cumulative(Weights);
        double u = random.NextDouble() * cumulative[^1];
        int lo = 0, hi = Cells.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (u < cumulative[mid]) hi = mid; else lo = mid + 1;
        }
        return Cells[lo];
    }

    /// <summary>Whether the parts fit together for a node with <paramref name="cells"/> fine cells.</summary>
    public bool IsConsistent(int cells) =>
        Cells.Length > 0 && Cells.Length == Weights.Length && Cells.All(c => c >= 0 && c < cells)
        && Weights.All(w => w >= 0 && double.IsFinite(w)) && Weights.Sum() > 0;

    private static double[] Cumulative(double[] weights)
    {
        var cumulative = new double[weights.Length];
        double running = 0;
        for (int i = 0; i < weights.Length; i++) cumulative[i] = running += weights[i];
        return cumulative;
    }
}
