using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Metadata;
using Doppel.Sampling;

namespace Doppel.Tests;

public class QualityReportTests
{
    /// <summary>The worked example of docs/metrics.md: 6 real and 6 synthetic rows, columns x, y (numerical) and c.</summary>
    internal static (Table Real, Table Synthetic, TableMetadata Metadata) DocsExample()
    {
        var meta = new TableMetadata("example",
        [
            new ColumnMetadata("x", SemanticType.Numerical),
            new ColumnMetadata("y", SemanticType.Numerical),
            new ColumnMetadata("c", SemanticType.Categorical),
        ]);
        var real = new Table(
        [
            new NumberColumn("x", [0, 0, 5, 5, 10, 10]),
            new NumberColumn("y", [0, 1, 4, 6, 9, 10]),
            new CategoryColumn("c", [0, 1, 0, 1, 0, 1], ["a", "b"]),
        ]);
        // Synthetic c = a, b, a, z, b, null, coded into a dictionary in another order than the real one's.
        var cValidity = new Validity(6);
        cValidity.Set(5, false);
        var synthetic = new Table(
        [
            new NumberColumn("x", [0, 0, 4, 5, 10, 11]),
            new NumberColumn("y", [2, 3, 4, 6, 7, 8]),
            new CategoryColumn("c", [2, 1, 2, 0, 1, 0], ["z", "b", "a"], cValidity),
        ]);
        return (real, synthetic, meta);
    }

    [Fact]
    public void Compute_DocsExample_MatchesHandComputation()
    {
        // Every number below is written in docs/metrics.md ("A worked example"); this test is the contract.
        const double Tolerance = 1e-9;
        var (real, synthetic, meta) = DocsExample();
        var score = QualityReport.Compute(real, synthetic, meta);

        // Column Shapes.
        Assert.Equal(["x", "y", "c"], score.Shapes.Select(s => s.Column));
        Assert.Equal(["KSComplement", "KSComplement", "TVComplement"], score.Shapes.Select(s => s.Metric));
        Assert.Equal(5.0 / 6, score.Shapes[0].Score, Tolerance);   // D = 1/6
        Assert.Equal(2.0 / 3, score.Shapes[1].Score, Tolerance);   // D = 1/3
        Assert.Equal(0.8, score.Shapes[2].Score, Tolerance);       // TV = 1/5
        Assert.Equal(23.0 / 30, score.ColumnShapes, Tolerance);
        Assert.Equal(0.7666666667, score.ColumnShapes, Tolerance);

        // Column pairs, in metadata order: (x, y), (x, c), (y, c).
        var xy = score.Pairs[0];
        Assert.Equal(("x", "y", "CorrelationSimilarity"), (xy.ColumnA, xy.ColumnB, xy.Metric));
        Assert.Equal(9 / Math.Sqrt(84), xy.RealCorrelation, Tolerance);
        Assert.Equal(0.9819805061, xy.RealCorrelation, Tolerance);
        Assert.Equal(27.0 / 28, xy.SyntheticCorrelation, Tolerance);
        Assert.Equal(0.9642857143, xy.SyntheticCorrelation, Tolerance);
        Assert.Equal(0.9819805061, xy.RealAssociation, Tolerance);
        Assert.Equal(0.0176947918, Math.Abs(xy.RealCorrelation - xy.SyntheticCorrelation), Tolerance);
        Assert.Equal(0.9911526041, xy.Score, Tolerance);
        Assert.True(xy.Counted);

        var xc = score.Pairs[1];
        Assert.Equal(("x", "c", "ContingencySimilarity"), (xc.ColumnA, xc.ColumnB, xc.Metric));
        Assert.Equal(0.5, xc.Score, Tolerance);                    // TV = 1/2
        Assert.Equal(0.0, xc.RealAssociation, Tolerance);          // χ² = 0
        Assert.False(xc.Counted);
        Assert.True(double.IsNaN(xc.RealCorrelation) && double.IsNaN(xc.SyntheticCorrelation));

        var yc = score.Pairs[2];
        Assert.Equal(("y", "c", "ContingencySimilarity"), (yc.ColumnA, yc.ColumnB, yc.Metric));
        Assert.Equal(1.0 / 6, yc.Score, Tolerance);                // TV = 5/6
        Assert.Equal(0.1666666667, yc.Score, Tolerance);
        Assert.Equal(Math.Sqrt(2.0 / 3), yc.RealAssociation, Tolerance); // χ² = 4
        Assert.Equal(0.8164965809, yc.RealAssociation, Tolerance);
        Assert.True(yc.Counted);

        // The two variants and the overall scores.
        Assert.Equal(0.5789096354, score.ColumnPairTrends, Tolerance);
        Assert.Equal(0.5526064236, score.ColumnPairTrendsAllPairs, Tolerance);
        Assert.Equal(0.6727881510, score.Overall, Tolerance);
        Assert.Equal(0.6596365451, score.OverallAllPairs, Tolerance);

        // MissingValueSimilarity.
        Assert.Equal([1.0, 1.0, 5.0 / 6], score.MissingValues.Select(m => m.Score));
        Assert.Equal(1.0 / 6, score.MissingValues[2].SyntheticNullShare, Tolerance);

        // Diagnostics.
        var diagnostics = Diagnostics.Compute(real, synthetic, meta);
        Assert.Equal(5.0 / 6, DiagnosticsTests.Score(diagnostics, "x", "BoundaryAdherence"), Tolerance);
        Assert.Equal(1.0, DiagnosticsTests.Score(diagnostics, "x", "RangeCoverage"), Tolerance);
        Assert.Equal(1.0, DiagnosticsTests.Score(diagnostics, "y", "BoundaryAdherence"), Tolerance);
        Assert.Equal(0.6, DiagnosticsTests.Score(diagnostics, "y", "RangeCoverage"), Tolerance);
        Assert.Equal(0.8, DiagnosticsTests.Score(diagnostics, "c", "CategoryAdherence"), Tolerance);
        Assert.Equal(1.0, DiagnosticsTests.Score(diagnostics, "c", "CategoryCoverage"), Tolerance);
        Assert.Equal(0.8777777778, diagnostics.Validity, Tolerance);   // (5/6 + 1 + 4/5) / 3 = 79/90
        Assert.Equal(0.8666666667, diagnostics.Coverage, Tolerance);   // (1 + 0.6 + 1) / 3 = 13/15
    }

    [Fact]
    public void Compute_RealAgainstItself_IsExactlyOneEverywhere()
    {
        var (real, meta) = RealisticData.Make(2_000);
        var score = QualityReport.Compute(real, real, meta);
        Assert.All(score.Shapes, s => Assert.Equal(1.0, s.Score));
        Assert.All(score.Pairs, p => Assert.Equal(1.0, p.Score));
        Assert.All(score.MissingValues, m => Assert.Equal(1.0, m.Score));
        Assert.Equal(1.0, score.ColumnShapes);
        Assert.Equal(1.0, score.ColumnPairTrends);
        Assert.Equal(1.0, score.ColumnPairTrendsAllPairs);
        Assert.Equal(1.0, score.Overall);
        Assert.Equal(1.0, score.OverallAllPairs);
        // Ids and PII are left out: 7 scored columns, 21 pairs, of which x–y (ρ = 0.8) at least counts.
        Assert.Equal(7, score.Shapes.Count);
        Assert.Equal(21, score.Pairs.Count);
        Assert.Contains(score.Pairs, p => p.ColumnA == "x" && p.ColumnB == "y" && p.Counted);
        Assert.Equal("KSComplement", score.Shapes.Single(s => s.Column == "date").Metric);
    }

    [Fact]
    public void Compute_OneColumnShuffled_LowersOnlyItsPairs()
    {
        var (real, meta) = RealisticData.Make(2_000);
        var x = ((NumberColumn)real["x"]).Values.ToArray();
        var random = new RandomStream(5, 0);
        for (int i = x.Length - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (x[i], x[j]) = (x[j], x[i]);
        }
        var synthetic = new Table([.. real.Columns.Select(c => c.Name == "x" ? new NumberColumn("x", x) : c)]);

        var score = QualityReport.Compute(real, synthetic, meta);

        // The marginal is the same multiset: KS D = 0.
        Assert.All(score.Shapes, s => Assert.Equal(1.0, s.Score));
        Assert.All(score.MissingValues, m => Assert.Equal(1.0, m.Score));
        foreach (var pair in score.Pairs)
        {
            if (pair.ColumnA == "x" || pair.ColumnB == "x") Assert.True(pair.Score < 1.0, $"{pair.ColumnA}–{pair.ColumnB} stayed {pair.Score}");
            else Assert.Equal(1.0, pair.Score);
        }
        // x–y was correlated at 0.8 and is now independent: |r_real − r_syn| ≈ 0.8, so the score ≈ 0.6, within
        // 4 standard errors (1/√n ≈ 0.022) of r_syn around 0.
        var xy = score.Pairs.Single(p => p.ColumnA == "x" && p.ColumnB == "y");
        Assert.InRange(xy.SyntheticCorrelation, -4 / Math.Sqrt(2_000), 4 / Math.Sqrt(2_000));
        Assert.Equal(1 - Math.Abs(xy.RealCorrelation - xy.SyntheticCorrelation) / 2, xy.Score, 12);
        Assert.True(score.ColumnPairTrends < 1.0);
    }

    [Fact]
    public void Compute_Thresholds_SelectPairsByRealAssociation()
    {
        var (real, meta) = AssociatedData(2_000, seed: 1, related: true);
        var (synthetic, _) = AssociatedData(2_000, seed: 2, related: false);

        var score = QualityReport.Compute(real, synthetic, meta);

        var counted = score.Pairs.Where(p => p.Counted).Select(p => $"{p.ColumnA}-{p.ColumnB}").ToArray();
        // u–v: r ≈ 0.9; u–c and v–c: c is the sign of u. Everything with w or d is independent (|r|, V ≈ 1/√n).
        Assert.Equal(["u-v", "u-c", "v-c"], counted);
        foreach (var pair in score.Pairs.Where(p => p.Metric == "CorrelationSimilarity"))
        {
            double r = TestData.Pearson(TestData.Numbers(real, pair.ColumnA), TestData.Numbers(real, pair.ColumnB));
            Assert.Equal(Math.Abs(r), pair.RealAssociation, 12);
            Assert.Equal(r, pair.RealCorrelation, 12);
        }
        var cd = score.Pairs.Single(p => p.ColumnA == "c" && p.ColumnB == "d");
        Assert.Equal(TestData.CramersV(TestData.Labels(real, "c"), TestData.Labels(real, "d")), cd.RealAssociation, 12);
        Assert.InRange(cd.RealAssociation, 0, 4 / Math.Sqrt(2_000));

        Assert.Equal(score.Pairs.Where(p => p.Counted).Average(p => p.Score), score.ColumnPairTrends, 12);
        Assert.Equal(score.Pairs.Average(p => p.Score), score.ColumnPairTrendsAllPairs, 12);
        Assert.Equal((score.ColumnShapes + score.ColumnPairTrends) / 2, score.Overall, 12);
    }

    [Fact]
    public void Compute_CorrelationExactlyAtThreshold_IsNotCounted()
    {
        // x = 0,0,5,5,10,10 and y = 0,5,10,0,5,10: Sxy = 50, Sxx = Syy = 100, r = 0.5 exactly; the rule is |r| > 0.5.
        var meta = new TableMetadata("t", [new ColumnMetadata("x", SemanticType.Numerical), new ColumnMetadata("y", SemanticType.Numerical)]);
        var real = new Table([new NumberColumn("x", [0, 0, 5, 5, 10, 10]), new NumberColumn("y", [0, 5, 10, 0, 5, 10])]);
        var pair = QualityReport.Compute(real, real, meta).Pairs.Single();
        Assert.Equal(0.5, pair.RealAssociation);
        Assert.False(pair.Counted);
    }

    [Fact]
    public void Compute_NoQualifyingPair_TrendsNotApplicableAndOverallIsShapes()
    {
        // r(x, y) = 0 and c is balanced within every bin of x and of y: V = 0 for both contingency pairs.
        var meta = new TableMetadata("t",
        [
            new ColumnMetadata("x", SemanticType.Numerical), new ColumnMetadata("y", SemanticType.Numerical),
            new ColumnMetadata("c", SemanticType.Categorical),
        ]);
        var real = new Table(
        [
            new NumberColumn("x", [0, 0, 0, 0, 10, 10, 10, 10]), new NumberColumn("y", [0, 0, 10, 10, 0, 0, 10, 10]),
            new CategoryColumn("c", [0, 1, 0, 1, 0, 1, 0, 1], ["a", "b"]),
        ]);
        var synthetic = new Table(
        [
            new NumberColumn("x", [0, 0, 0, 10, 10, 10, 10, 10]), new NumberColumn("y", [0, 10, 10, 10, 0, 0, 10, 10]),
            new CategoryColumn("c", [0, 0, 0, 1, 0, 1, 0, 1], ["a", "b"]),
        ]);

        var score = QualityReport.Compute(real, synthetic, meta);

        Assert.All(score.Pairs, p => Assert.False(p.Counted));
        Assert.Equal([0.0, 0.0, 0.0], score.Pairs.Select(p => p.RealAssociation));
        Assert.True(double.IsNaN(score.ColumnPairTrends));
        Assert.Equal(score.ColumnShapes, score.Overall);
        Assert.False(double.IsNaN(score.ColumnPairTrendsAllPairs));
        Assert.Equal((score.ColumnShapes + score.ColumnPairTrendsAllPairs) / 2, score.OverallAllPairs, 12);
    }

    [Fact]
    public void Compute_MissingValueSimilarity_MatchesHandComputation()
    {
        // n: real 3 of 10 null, synthetic 0 of 5 → 1 − 0.3 = 0.7. c: real 0 of 10, synthetic 2 of 5 → 0.6.
        // b: real 1 of 10, synthetic 1 of 5 → 1 − |0.1 − 0.2| = 0.9.
        var meta = new TableMetadata("t",
        [
            new ColumnMetadata("n", SemanticType.Numerical), new ColumnMetadata("c", SemanticType.Categorical),
            new ColumnMetadata("b", SemanticType.Boolean),
        ]);
        var real = new Table(
        [
            new NumberColumn("n", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], Nulls(10, 0, 4, 7)),
            new CategoryColumn("c", [0, 1, 0, 1, 0, 1, 0, 1, 0, 1], ["a", "b"]),
            new BooleanColumn("b", [true, false, true, false, true, false, true, false, true, false], Nulls(10, 9)),
        ]);
        var synthetic = new Table(
        [
            new NumberColumn("n", [1, 3, 5, 7, 9]),
            new CategoryColumn("c", [0, 1, 0, 1, 0], ["a", "b"], Nulls(5, 1, 2)),
            new BooleanColumn("b", [true, false, true, false, true], Nulls(5, 4)),
        ]);

        var missing = QualityReport.Compute(real, synthetic, meta).MissingValues;

        Assert.Equal(["n", "c", "b"], missing.Select(m => m.Column));
        Assert.Equal(0.7, missing[0].Score, 12);
        Assert.Equal(0.6, missing[1].Score, 12);
        Assert.Equal(0.9, missing[2].Score, 12);
        Assert.Equal((0.3, 0.0), (missing[0].RealNullShare, missing[0].SyntheticNullShare));
    }

    [Fact]
    public void Compute_ShapeScore_IsOneMinusTheKolmogorovSmirnovStatistic()
    {
        // Rounded values make many ties, which the merge must treat as one step of both CDFs.
        var random = new RandomStream(3, 0);
        var a = Enumerable.Range(0, 1_500).Select(_ => Math.Round(random.NextNormal(), 1)).ToArray();
        var b = Enumerable.Range(0, 900).Select(_ => Math.Round(0.2 + random.NextNormal(), 1)).ToArray();
        var meta = new TableMetadata("t", [new ColumnMetadata("v", SemanticType.Numerical)]);

        var score = QualityReport.Compute(new Table([new NumberColumn("v", a)]), new Table([new NumberColumn("v", b)]), meta);

        Assert.Equal(1 - TestData.KolmogorovSmirnov(a, b), score.Shapes.Single().Score, 12);
        Assert.Empty(score.Pairs);
        Assert.True(double.IsNaN(score.ColumnPairTrendsAllPairs));
        Assert.Equal(score.ColumnShapes, score.OverallAllPairs);
    }

    [Fact]
    public void Compute_LargeTables_SubsampleDeterministicallyForContingencyOnly()
    {
        var (real, meta) = AssociatedData(RowSampleLimit + 10_000, seed: 4, related: true);
        var (synthetic, _) = AssociatedData(RowSampleLimit + 5_000, seed: 5, related: true);

        var first = QualityReport.Compute(real, synthetic, meta);
        var second = QualityReport.Compute(real, synthetic, meta);
        var itself = QualityReport.Compute(real, real, meta);

        Assert.Equal(first.Pairs, second.Pairs);
        // Both tables draw the same rows when they have the same size: a table against itself still scores 1.
        Assert.All(itself.Pairs, p => Assert.Equal(1.0, p.Score));
        // Correlations use every row, as in SDMetrics.
        var uv = first.Pairs.Single(p => p.ColumnA == "u" && p.ColumnB == "v");
        Assert.Equal(TestData.Pearson(TestData.Numbers(real, "u"), TestData.Numbers(real, "v")), uv.RealCorrelation, 12);
    }

    [Fact]
    public void Compute_DifferentColumns_ThrowsBeforeScoring()
    {
        var (real, synthetic, meta) = DocsExample();
        var renamed = new Table([synthetic.Columns[0], synthetic.Columns[1], new NumberColumn("d", new double[6])]);
        var error = Assert.Throws<DoppelException>(() => QualityReport.Compute(real, renamed, meta));
        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains("'c'", error.Message);
        Assert.Contains("'d'", error.Message);
    }

    [Fact]
    public void Compute_OnlyIdsAndPii_IsADataError()
    {
        var meta = new TableMetadata("t", [new ColumnMetadata("id", SemanticType.Id)]);
        var table = new Table([new StringColumn("id", ["1", "2"])]);
        var error = Assert.Throws<DoppelException>(() => QualityReport.Compute(table, table, meta));
        Assert.Equal(ErrorKind.Data, error.Kind);
    }

    private const int RowSampleLimit = 50_000;

    private static Validity Nulls(int length, params int[] rows)
    {
        var validity = new Validity(length);
        foreach (int row in rows) validity.Set(row, false);
        return validity;
    }

    /// <summary>
    /// u ~ N(0, 1); v = 0.9·u + √0.19·e when related (else independent); w independent; c the sign of u when
    /// related; d uniform over three levels.
    /// </summary>
    private static (Table Table, TableMetadata Metadata) AssociatedData(int n, ulong seed, bool related)
    {
        var random = new RandomStream(seed, 0);
        var u = new double[n]; var v = new double[n]; var w = new double[n];
        var c = new int[n]; var d = new int[n];
        for (int i = 0; i < n; i++)
        {
            u[i] = random.NextNormal();
            v[i] = related ? 0.9 * u[i] + Math.Sqrt(0.19) * random.NextNormal() : random.NextNormal();
            w[i] = random.NextNormal();
            c[i] = (related ? u[i] : random.NextNormal()) > 0 ? 1 : 0;
            d[i] = random.NextInt(3);
        }
        var table = new Table(
        [
            new NumberColumn("u", u), new NumberColumn("v", v), new NumberColumn("w", w),
            new CategoryColumn("c", c, ["neg", "pos"]), new CategoryColumn("d", d, ["p", "q", "r"]),
        ]);
        var meta = new TableMetadata("associated",
        [
            new ColumnMetadata("u", SemanticType.Numerical), new ColumnMetadata("v", SemanticType.Numerical),
            new ColumnMetadata("w", SemanticType.Numerical), new ColumnMetadata("c", SemanticType.Categorical),
            new ColumnMetadata("d", SemanticType.Categorical),
        ]);
        return (table, meta);
    }
}
