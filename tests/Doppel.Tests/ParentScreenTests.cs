using Doppel.Sampling;
using Doppel.Synthesizers.Bayes;

namespace Doppel.Tests;

/// <summary>Structure learning on wide tables scores screened parents only (issue #10: near linear in columns).</summary>
public class ParentScreenTests
{
    /// <summary>
    /// 1,200 columns × 60 rows: column 2i + 1 copies column 2i with 10% of its rows redrawn, far apart in column
    /// order (the twin of 2i sits 600 columns later); the rest is noise, so only the screen can find the twins.
    /// </summary>
    private static DiscreteColumn[] Twins()
    {
        const int pairs = 600, rows = 60, codes = 5;
        var random = new RandomStream(11, 0);
        var columns = new DiscreteColumn[2 * pairs];
        for (int i = 0; i < pairs; i++)
        {
            var a = new int[rows];
            var b = new int[rows];
            for (int r = 0; r < rows; r++)
            {
                a[r] = random.NextInt(codes);
                b[r] = random.NextDouble() < 0.1 ? random.NextInt(codes) : a[r];
            }
            columns[i] = new DiscreteColumn(i, a, codes);
            columns[i + pairs] = new DiscreteColumn(i + pairs, b, codes);
        }
        return columns;
    }

    [Fact]
    public void Candidates_OfAWideTable_HoldEachColumnsTwin_AndAreFew()
    {
        var columns = Twins();

        var candidates = ParentScreen.Candidates(columns, 60, 32);

        int found = Enumerable.Range(0, columns.Length).Count(x => candidates[x].Contains((x + 600) % 1200));
        Assert.True(found >= 0.95 * columns.Length, $"twins found for {found} of {columns.Length} columns");
        Assert.All(candidates, c => Assert.True(c.Length <= 32));
    }

    [Fact]
    public void Learn_OnAWideTable_LinksTwins()
    {
        var columns = Twins();
        var settings = new BayesSettings();
        Assert.True(columns.Length > settings.WideColumns); // the screened path

        var (order, parents) = StructureLearner.Learn(columns, 60, settings);

        Assert.Equal(columns.Length, order.Distinct().Count());
        // A twin pair is linked when either column has the other among its parents.
        int linked = Enumerable.Range(0, 600).Count(i => parents[i].Contains(i + 600) || parents[i + 600].Contains(i));
        Assert.True(linked >= 570, $"{linked} of 600 twin pairs linked");
    }
}
