namespace Doppel.Synthesizers.Mst;

/// <summary>
/// Merges a column's fine cells into the coarser groups its two-way marginals are measured on, using only its noisy
/// one-way counts (post-processing, free): numbers into about <see cref="OrdinalGroups"/> runs of adjacent cells of
/// similar mass; categories that clear three noise deviations keep a group each and the rest share one (MST's domain
/// compression). A null cell too small to measure joins the largest group, which then writes values, not nulls.
/// </summary>
internal sealed class CellGroups
{
    public const int OrdinalGroups = 12;
    public const int MaxCategoricalGroups = 32;

    /// <summary>Per fine cell its group.</summary>
    public required int[] GroupOf { get; init; }

    /// <summary>Per group, its fine cells.</summary>
    public required int[][] Cells { get; init; }

    /// <summary>Number of groups.</summary>
    public int Count => Cells.Length;

    public static CellGroups Of(DpColumnDomain domain, double[] noisy, double sigma)
    {
        int cells = domain.Cells;
        var groupOf = new int[cells];
        Array.Fill(groupOf, -1);
        int groups = 0;
        double floor = 3 * sigma;
        if (domain.Ordinal)
        {
            double total = 0;
            for (int c = 0; c < domain.ValueCells; c++) total += Math.Max(0, noisy[c]);
            double target = Math.Max(total / OrdinalGroups, floor);
            double run = 0;
            for (int c = 0; c < domain.ValueCells; c++)
            {
                double mass = Math.Max(0, noisy[c]);
                // A heavy cell (a point mass) closes the open run and stands alone.
                if (mass >= target && run > 0) { groups++; run = 0; }
                groupOf[c] = groups;
                run += mass;
                if (run >= target && c < domain.ValueCells - 1) { groups++; run = 0; }
            }
            groups++;
            // A last run too light to measure well joins the one before.
            if (groups > 1 && run < target / 2)
            {
                for (int c = 0; c < domain.ValueCells; c++) if (groupOf[c] == groups - 1) groupOf[c] = groups - 2;
                groups--;
            }
        }
        else
        {
            var order = Enumerable.Range(0, domain.ValueCells).OrderByDescending(c => noisy[c]).ThenBy(c => c).ToArray();
            int rest = -1;
            foreach (int c in order)
            {
                if (noisy[c] >= floor && groups < MaxCategoricalGroups - 1) groupOf[c] = groups++;
                else groupOf[c] = rest < 0 ? rest = groups++ : rest;
            }
        }
        if (domain.HasNullCell)
        {
            int nullCell = domain.NullCell;
            if (noisy[nullCell] >= floor) groupOf[nullCell] = groups++;
            else groupOf[nullCell] = LargestGroup(groupOf, noisy, groups, nullCell);
        }
        var members = Enumerable.Range(0, groups).Select(g => Enumerable.Range(0, cells).Where(c => groupOf[c] == g).ToArray()).ToArray();
        return new CellGroups { GroupOf = groupOf, Cells = members };
    }

    private static int LargestGroup(int[] groupOf, double[] noisy, int groups, int except)
    {
        if (groups == 0) return 0;
        var mass = new double[groups];
        for (int c = 0; c < groupOf.Length; c++) if (c != except && groupOf[c] >= 0) mass[groupOf[c]] += Math.Max(0, noisy[c]);
        return Array.IndexOf(mass, mass.Max());
    }
}
