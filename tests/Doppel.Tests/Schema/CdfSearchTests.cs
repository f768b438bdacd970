using Doppel.Schema.Generators;

namespace Doppel.Tests.Schema;

public class CdfSearchTests
{
    // Against a plain scan, over tables with zero weights (repeated entries), a heavy head and a long thin tail.
    [Fact]
    public void Search_FindsWhatAScanFinds()
    {
        var random = new Random(7);
        for (int table = 0; table < 300; table++)
        {
            int n = random.Next(1, 1200);
            var cdf = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                double weight = random.Next(5) == 0 ? 0 : i == 0 && table % 3 == 0 ? 50 : 1 / Math.Pow(i + 1, random.NextDouble() * 2);
                cdf[i] = sum += weight;
            }
            if (sum == 0) cdf[^1] = sum = 1;
            var search = new CdfSearch(cdf);
            for (int k = 0; k < 2_000; k++)
            {
                // Draws, and the entries themselves (exact hits, where "at least" and "above" differ).
                double x = k % 4 == 0 ? cdf[random.Next(n)] : random.NextDouble() * sum;
                Assert.Equal(Scan(cdf, v => v >= x), search.FirstAtLeast(x));
                Assert.Equal(Scan(cdf, v => v > x), search.FirstAbove(x));
            }
        }
    }

    private static int Scan(double[] cdf, Func<double, bool> found)
    {
        for (int i = 0; i < cdf.Length; i++) if (found(cdf[i])) return i;
        return cdf.Length - 1;
    }
}
