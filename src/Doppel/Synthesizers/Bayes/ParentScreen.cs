using Doppel.Sampling;

namespace Doppel.Synthesizers.Bayes;

/// <summary>
/// A cheap screen of likely parents for wide tables, so structure learning scores about
/// <see cref="BayesSettings.ScreenedParents"/> single parents per column instead of all of them (columns² passes over
/// the rows). Each column's codes, standardized, are sketched by 32 fixed random projections of the rows (their inner
/// products estimate correlations); sign-invariant SimHash keys of the sketches, sorted, bring columns with strongly
/// correlated codes next to each other in 16 independent orders. A column's candidates are its neighbours in those
/// orders and in column order (adjacent columns are often related), ranked by |estimated correlation|. Cost:
/// columns · (32 · rows + 16 · log columns). The screen sees linear dependence of the codes only (bins of numbers
/// are ordered, categories are not); the exact score then decides among the candidates.
/// </summary>
internal static class ParentScreen
{
    private const int Dimensions = 32, Tables = 16, Bits = 16, Window = 6;

    /// <summary>Per column: the columns worth scoring as its single parents, ascending.</summary>
    public static int[][] Candidates(DiscreteColumn[] columns, int rows, int keep)
    {
        int count = columns.Length;
        var random = new RandomStream(0x5C4EE7, 0); // fixed: the screen is part of the method, not of the seed
        var projection = new double[Dimensions * rows];
        for (int k = 0; k < projection.Length; k++) projection[k] = random.NextNormal();
        var planes = new double[Tables * (Bits + 1) * Dimensions];
        for (int k = 0; k < planes.Length; k++) planes[k] = random.NextNormal();

        var sketches = new double[count * Dimensions];
        Parallelism.For(0, count, x => Sketch(columns[x].Labels, projection, sketches.AsSpan(x * Dimensions, Dimensions)));

        var gathered = new HashSet<int>[count];
        for (int x = 0; x < count; x++)
        {
            gathered[x] = [];
            for (int y = Math.Max(0, x - Window); y <= Math.Min(count - 1, x + Window); y++) if (y != x) gathered[x].Add(y);
        }
        var keys = new ulong[count];
        var order = new int[count];
        for (int t = 0; t < Tables; t++)
        {
            var table = planes.AsSpan(t * (Bits + 1) * Dimensions, (Bits + 1) * Dimensions);
            for (int x = 0; x < count; x++) keys[x] = Key(sketches.AsSpan(x * Dimensions, Dimensions), table);
            for (int x = 0; x < count; x++) order[x] = x;
            Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
            for (int i = 0; i < count; i++)
                for (int j = Math.Max(0, i - Window); j <= Math.Min(count - 1, i + Window); j++)
                    if (j != i) gathered[order[i]].Add(order[j]);
        }

        var result = new int[count][];
        Parallelism.For(0, count, x =>
        {
            var ranked = gathered[x]
                .Select(y => (Y: y, Strength: Math.Abs(Dot(sketches.AsSpan(x * Dimensions, Dimensions), sketches.AsSpan(y * Dimensions, Dimensions)))))
                .OrderByDescending(p => p.Strength).ThenBy(p => p.Y).Take(keep).Select(p => p.Y).ToArray();
            Array.Sort(ranked);
            result[x] = ranked;
        });
        return result;
    }

    /// <summary>The projections of the standardized codes (all zero for a constant column).</summary>
    private static void Sketch(int[] labels, double[] projection, Span<double> sketch)
    {
        int rows = labels.Length;
        double mean = 0;
        foreach (int l in labels) mean += l;
        mean /= rows;
        double norm = 0;
        foreach (int l in labels) norm += (l - mean) * (l - mean);
        if (norm == 0) return;
        double scale = 1 / Math.Sqrt(norm);
        for (int d = 0; d < Dimensions; d++)
        {
            double sum = 0;
            for (int i = 0; i < rows; i++) sum += projection[d * rows + i] * (labels[i] - mean);
            sketch[d] = sum * scale / Math.Sqrt(Dimensions);
        }
    }

    /// <summary>SimHash bits of the sketch, its sign first turned by the table's first plane so ±x share a key.</summary>
    private static ulong Key(ReadOnlySpan<double> sketch, ReadOnlySpan<double> planes)
    {
        double sign = Dot(sketch, planes[..Dimensions]) < 0 ? -1 : 1;
        ulong key = 0;
        for (int b = 1; b <= Bits; b++)
            key = key << 1 | (sign * Dot(sketch, planes.Slice(b * Dimensions, Dimensions)) >= 0 ? 1UL : 0UL);
        return key;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
