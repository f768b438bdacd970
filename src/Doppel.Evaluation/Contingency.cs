namespace Doppel.Evaluation;

/// <summary>
/// Joint distributions of two discretized columns: the ContingencySimilarity between the real and the synthetic
/// table, and Cramér's V of the real table.
/// </summary>
internal static class Contingency
{
    // Joint tables up to this many cells are counted in arrays; larger ones by sorting the rows' cell keys.
    private const int DenseCells = 1 << 16;

    /// <summary>
    /// 1 − ½ Σ |P_real(a, b) − P_syn(a, b)| over the rows where both codes are not null (−1), and Cramér's V
    /// (no bias correction) of the real counts. <paramref name="realRows"/> and <paramref name="syntheticRows"/>
    /// restrict each table to a subsample (null: every row). The similarity is NaN when either table has no
    /// complete row; V is NaN when the real table has none or only one level on either side.
    /// </summary>
    /// <remarks><paramref name="denseCells"/> is the largest joint table counted in arrays (tests force either path).</remarks>
    public static (double Similarity, double CramersV) Compare(
        DiscreteCodes a, DiscreteCodes b, int[]? realRows, int[]? syntheticRows, int denseCells = DenseCells)
    {
        if ((long)a.Levels * b.Levels <= denseCells)
        {
            var real = new int[a.Levels * b.Levels];
            var synthetic = new int[a.Levels * b.Levels];
            int realTotal = Tally(real, a.Real, b.Real, b.Levels, realRows);
            int syntheticTotal = Tally(synthetic, a.Synthetic, b.Synthetic, b.Levels, syntheticRows);
            return (Similarity(real, realTotal, synthetic, syntheticTotal), CramersV(real, a.Levels, b.Levels, realTotal));
        }
        var realKeys = Keys(a.Real, b.Real, b.Levels, realRows);
        var syntheticKeys = Keys(a.Synthetic, b.Synthetic, b.Levels, syntheticRows);
        Array.Sort(realKeys);
        Array.Sort(syntheticKeys);
        return (SparseSimilarity(realKeys, syntheticKeys), SparseCramersV(realKeys, a.Levels, b.Levels));
    }

    /// <summary>Cell key a·levelsB + b of every complete row.</summary>
    private static long[] Keys(int[] codesA, int[] codesB, int levelsB, int[]? rows)
    {
        int n = rows?.Length ?? codesA.Length;
        var keys = new long[n];
        int count = 0;
        for (int k = 0; k < n; k++)
        {
            int i = rows is null ? k : rows[k];
            int x = codesA[i], y = codesB[i];
            if (x >= 0 && y >= 0) keys[count++] = (long)x * levelsB + y;
        }
        return count == n ? keys : keys[..count];
    }

    /// <summary>Adds every complete row to its cell of <paramref name="counts"/>; returns the number of such rows.</summary>
    private static int Tally(int[] counts, int[] codesA, int[] codesB, int levelsB, int[]? rows)
    {
        int n = rows?.Length ?? codesA.Length, total = 0;
        for (int k = 0; k < n; k++)
        {
            int i = rows is null ? k : rows[k];
            int x = codesA[i], y = codesB[i];
            if (x < 0 || y < 0) continue;
            counts[x * levelsB + y]++;
            total++;
        }
        return total;
    }

    private static double Similarity(int[] real, int realTotal, int[] synthetic, int syntheticTotal)
    {
        if (realTotal == 0 || syntheticTotal == 0) return double.NaN;
        double sum = 0;
        for (int k = 0; k < real.Length; k++)
            sum += Math.Abs((double)real[k] / realTotal - (double)synthetic[k] / syntheticTotal);
        return 1 - sum / 2;
    }

    /// <summary>V = √(χ² / (n·(min(r, c) − 1))), χ² = Σ (O − E)² / E over the r × c observed levels.</summary>
    private static double CramersV(int[] counts, int levelsA, int levelsB, int n)
    {
        if (n == 0) return double.NaN;
        var rowTotals = new long[levelsA];
        var columnTotals = new long[levelsB];
        for (int x = 0; x < levelsA; x++)
            for (int y = 0; y < levelsB; y++)
            {
                rowTotals[x] += counts[x * levelsB + y];
                columnTotals[y] += counts[x * levelsB + y];
            }
        double chi2 = 0;
        for (int x = 0; x < levelsA; x++)
        {
            if (rowTotals[x] == 0) continue;
            for (int y = 0; y < levelsB; y++)
            {
                if (columnTotals[y] == 0) continue;
                double expected = (double)rowTotals[x] * columnTotals[y] / n;
                double diff = counts[x * levelsB + y] - expected;
                chi2 += diff * diff / expected;
            }
        }
        return FromChiSquare(chi2, n, rowTotals.Count(t => t > 0), columnTotals.Count(t => t > 0));
    }

    private static double SparseSimilarity(long[] real, long[] synthetic)
    {
        if (real.Length == 0 || synthetic.Length == 0) return double.NaN;
        double sum = 0;
        int i = 0, j = 0;
        while (i < real.Length || j < synthetic.Length)
        {
            long key = j == synthetic.Length || (i < real.Length && real[i] <= synthetic[j]) ? real[i] : synthetic[j];
            int p = 0, q = 0;
            while (i < real.Length && real[i] == key) { p++; i++; }
            while (j < synthetic.Length && synthetic[j] == key) { q++; j++; }
            sum += Math.Abs((double)p / real.Length - (double)q / synthetic.Length);
        }
        return 1 - sum / 2;
    }

    /// <summary>
    /// Cramér's V from sorted cell keys. Empty cells of an observed row level x contribute Σ E = R_x·(n − S_x)/n,
    /// S_x the total of the column levels x was seen with: integer sums, so no cancellation.
    /// </summary>
    private static double SparseCramersV(long[] keys, int levelsA, int levelsB)
    {
        int n = keys.Length;
        if (n == 0) return double.NaN;
        var rowTotals = new long[levelsA];
        var columnTotals = new long[levelsB];
        foreach (long key in keys)
        {
            rowTotals[key / levelsB]++;
            columnTotals[key % levelsB]++;
        }
        double chi2 = 0;
        int i = 0;
        while (i < n)
        {
            long x = keys[i] / levelsB;
            long seenWith = 0;
            while (i < n && keys[i] / levelsB == x)
            {
                long key = keys[i];
                int observed = 0;
                while (i < n && keys[i] == key) { observed++; i++; }
                long y = key % levelsB;
                double expected = (double)rowTotals[x] * columnTotals[y] / n;
                double diff = observed - expected;
                chi2 += diff * diff / expected;
                seenWith += columnTotals[y];
            }
            chi2 += (double)rowTotals[x] * (n - seenWith) / n;
        }
        return FromChiSquare(chi2, n, rowTotals.Count(t => t > 0), columnTotals.Count(t => t > 0));
    }

    private static double FromChiSquare(double chi2, int n, int rows, int columns)
    {
        int k = Math.Min(rows, columns);
        if (k < 2) return double.NaN;
        return Math.Min(1, Math.Sqrt(chi2 / ((double)n * (k - 1))));
    }
}
