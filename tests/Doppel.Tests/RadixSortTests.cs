using Doppel.Data;

namespace Doppel.Tests;

public class RadixSortTests
{
    // Against a stable comparison sort (ties keep their input order; -0 sorts below 0): negatives, zeros of both signs, heavy ties, whole numbers, huge and tiny magnitudes.
    [Theory]
    [InlineData(10, 1)]
    [InlineData(2_047, 2)]
    [InlineData(50_000, 3)]
    [InlineData(200_000, 4)]
    public void Sort_OrdersLikeAStableSort(int n, int seed)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (int i = 0; i < n; i++)
            values[i] = random.Next(5) switch
            {
                0 => random.Next(-50, 90),                                 // ages, ties
                1 => 0.0,
                2 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300)),
                3 => Math.Round(random.NextDouble() * 1e6) / 100,
                _ => -random.NextDouble(),
            };
        var rows = Enumerable.Range(0, n).Select(i => n - 1 - i).ToArray(); // rows not in index order
        var expected = values.Zip(rows).OrderBy(p => p.First).ThenBy(p => double.IsNegative(p.First) ? 0 : 1).ToArray(); // OrderBy is stable
        RadixSort.Sort(values, rows);
        Assert.Equal(expected.Select(p => p.First), values);
        Assert.Equal(expected.Select(p => p.Second), rows);
    }
}
