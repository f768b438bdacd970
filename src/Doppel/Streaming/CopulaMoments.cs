using Doppel.Data;

namespace Doppel.Streaming;

/// <summary>
/// The second pass of a streamed copula fit: exact per-slice counts and sums of each numeric column (its protected
/// quantile function, <see cref="NumericSlices"/>) and the sums the latent correlations and the ordering of
/// categorical levels need — for two continuous dimensions the moments of their expected scores over rows observed
/// in both; for a level dimension and a continuous one, per slot the count and the sums of the continuous scores;
/// for two level dimensions their contingency table. None depends on the order of any categorical's levels, so
/// that order is chosen after the pass. Each accumulator is filled by one task per batch, rows in order: the sums
/// are the same for any thread count. Mergeable by addition across shards.
/// </summary>
internal sealed class CopulaMoments
{
    private readonly ContinuousDimension[] _continuous;
    private readonly LevelDimension[] _levels;
    private readonly int[] _sliced; // column of each NumericSlices

    public CopulaMoments(ContinuousDimension[] continuous, LevelDimension[] levels, IReadOnlyList<(int Column, double[] Cuts)> slices)
    {
        _continuous = continuous;
        _levels = levels;
        _sliced = [.. slices.Select(s => s.Column)];
        Slices = [.. slices.Select(s => new NumericSlices(s.Cuts))];
        int nc = continuous.Length, nl = levels.Length;
        ContinuousPairs = new double[nc * nc][];
        for (int i = 0; i < nc; i++) for (int j = 0; j < i; j++) ContinuousPairs[i * nc + j] = new double[6];
        LevelContinuous = new double[nl * nc][];
        for (int a = 0; a < nl; a++) for (int j = 0; j < nc; j++) LevelContinuous[a * nc + j] = new double[3 * levels[a].Slots];
        LevelPairs = new long[nl * nl][];
        for (int a = 0; a < nl; a++) for (int b = 0; b < a; b++) LevelPairs[a * nl + b] = new long[levels[a].Slots * levels[b].Slots];
    }

    public NumericSlices[] Slices { get; }

    /// <summary>[i·nc + j] for j &lt; i: n, Σmᵢ, Σmⱼ, Σvᵢ, Σvⱼ, Σmᵢmⱼ over rows observed in both.</summary>
    public double[]?[] ContinuousPairs { get; }

    /// <summary>[a·nc + j]: per slot s of level dimension a: n, Σmⱼ, Σvⱼ (at 3s, 3s + 1, 3s + 2) over rows where j is observed.</summary>
    public double[][] LevelContinuous { get; }

    /// <summary>[a·nl + b] for b &lt; a: rows per (slot of a)·slots(b) + (slot of b).</summary>
    public long[]?[] LevelPairs { get; }

    public void Add(Table batch)
    {
        int n = batch.RowCount, nc = _continuous.Length, nl = _levels.Length;
        var mean = new double[nc][];
        var square = new double[nc][];
        var observed = new Validity[nc];
        Parallelism.For(0, nc, j =>
        {
            var column = batch.Columns[_continuous[j].Column];
            mean[j] = new double[n];
            square[j] = new double[n];
            observed[j] = column.Validity;
            for (int r = 0; r < n; r++)
                if (!column.IsNull(r)) (mean[j][r], square[j][r]) = _continuous[j].Encode(ContinuousDimension.ValueAt(column, r));
        });
        var slots = new int[nl][];
        Parallelism.For(0, nl, a => slots[a] = _levels[a].SlotsOf(batch.Columns[_levels[a].Column]));

        var tasks = new List<Action>();
        for (int s = 0; s < Slices.Length; s++)
        {
            var slices = Slices[s];
            var column = batch.Columns[_sliced[s]];
            tasks.Add(() => { for (int r = 0; r < n; r++) if (!column.IsNull(r)) slices.Add(ContinuousDimension.ValueAt(column, r)); });
        }
        for (int i = 0; i < nc; i++)
            for (int j = 0; j < i; j++)
            {
                var sums = ContinuousPairs[i * nc + j]!;
                var (mi, mj, vi, vj, oi, oj) = (mean[i], mean[j], square[i], square[j], observed[i], observed[j]);
                tasks.Add(() =>
                {
                    double c = 0, si = 0, sj = 0, qi = 0, qj = 0, x = 0;
                    for (int r = 0; r < n; r++)
                    {
                        if (!oi.IsValid(r) || !oj.IsValid(r)) continue;
                        c++; si += mi[r]; sj += mj[r]; qi += vi[r]; qj += vj[r]; x += mi[r] * mj[r];
                    }
                    sums[0] += c; sums[1] += si; sums[2] += sj; sums[3] += qi; sums[4] += qj; sums[5] += x;
                });
            }
        for (int a = 0; a < nl; a++)
            for (int j = 0; j < nc; j++)
            {
                var sums = LevelContinuous[a * nc + j];
                var (sa, mj, vj, oj) = (slots[a], mean[j], square[j], observed[j]);
                tasks.Add(() =>
                {
                    for (int r = 0; r < n; r++)
                    {
                        if (!oj.IsValid(r)) continue;
                        int at = 3 * sa[r];
                        sums[at]++; sums[at + 1] += mj[r]; sums[at + 2] += vj[r];
                    }
                });
            }
        for (int a = 0; a < nl; a++)
            for (int b = 0; b < a; b++)
            {
                var counts = LevelPairs[a * nl + b]!;
                var (sa, sb, width) = (slots[a], slots[b], _levels[b].Slots);
                tasks.Add(() => { for (int r = 0; r < n; r++) counts[sa[r] * width + sb[r]]++; });
            }
        Parallelism.For(0, tasks.Count, t => tasks[t]());
    }

    /// <summary>Adds the moments of another part of the stream (same plan).</summary>
    public void Merge(CopulaMoments other)
    {
        for (int s = 0; s < Slices.Length; s++) Slices[s].Merge(other.Slices[s]);
        for (int p = 0; p < ContinuousPairs.Length; p++)
            if (ContinuousPairs[p] is { } mine) for (int k = 0; k < mine.Length; k++) mine[k] += other.ContinuousPairs[p]![k];
        for (int p = 0; p < LevelContinuous.Length; p++)
            for (int k = 0; k < LevelContinuous[p].Length; k++) LevelContinuous[p][k] += other.LevelContinuous[p][k];
        for (int p = 0; p < LevelPairs.Length; p++)
            if (LevelPairs[p] is { } mine) for (int k = 0; k < mine.Length; k++) mine[k] += other.LevelPairs[p]![k];
    }
}
