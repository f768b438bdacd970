using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Metadata;

namespace Doppel.Tests;

public class DiagnosticsTests
{
    public static double Score(DiagnosticsResult result, string column, string metric) =>
        result.Checks.Single(c => c.Column == column && c.Metric == metric).Score;

    [Fact]
    public void Compute_TinyTable_MatchesHandComputation()
    {
        var day = new DateTime(2020, 1, 1);
        long Day(int d) => day.AddDays(d - 1).Ticks;
        var meta = new TableMetadata("t",
        [
            new ColumnMetadata("n", SemanticType.Numerical), new ColumnMetadata("when", SemanticType.Datetime),
            new ColumnMetadata("c", SemanticType.Categorical), new ColumnMetadata("flag", SemanticType.Boolean),
            new ColumnMetadata("id", SemanticType.Id), new ColumnMetadata("mail", SemanticType.Pii) { Pii = PiiKind.Email },
        ], "id");
        var real = new Table(
        [
            new NumberColumn("n", [1, 2, 3, 4]),
            new DateTimeColumn("when", [Day(1), Day(4), Day(8), Day(11)]),
            new CategoryColumn("c", [0, 1, 2, 0], ["a", "b", "c"]),
            new BooleanColumn("flag", [true, true, false, true]),
            new StringColumn("id", ["1", "2", "3", "4"]),
            new StringColumn("mail", ["a@x.org", "b@x.org", "c@x.org", "d@x.org"]),
        ]);
        var nValidity = new Validity(4);
        nValidity.Set(3, false);
        var cValidity = new Validity(4);
        cValidity.Set(2, false);
        var synthetic = new Table(
        [
            new NumberColumn("n", [0, 2, 2.5, 0], nValidity),
            new DateTimeColumn("when", [Day(3), Day(5), Day(13), Day(7)]),
            new CategoryColumn("c", [0, 1, 0, 0], ["a", "z"], cValidity),
            new BooleanColumn("flag", [true, true, true, true]),
            new StringColumn("id", ["1", "2", "2", null]),
            new StringColumn("mail", ["e@y.org", null, "f@y.org", "g@y.org"]),
        ]);

        var result = Diagnostics.Compute(real, synthetic, meta);

        // n: real [1, 4]; synthetic non-null 0, 2, 2.5: two of three inside; covers (4 − 2.5)/3 = ½ less at the top.
        Assert.Equal(2.0 / 3, Score(result, "n", "BoundaryAdherence"), 12);
        Assert.Equal(0.5, Score(result, "n", "RangeCoverage"), 12);
        // when: real days [1, 11]; synthetic 3, 5, 13, 7: three of four inside; starts 2/10 late, overshoots the end.
        Assert.Equal(0.75, Score(result, "when", "BoundaryAdherence"), 12);
        Assert.Equal(0.8, Score(result, "when", "RangeCoverage"), 12);
        // c: synthetic non-null a, z, a: two of three are real categories; only a of {a, b, c} appears.
        Assert.Equal(2.0 / 3, Score(result, "c", "CategoryAdherence"), 12);
        Assert.Equal(1.0 / 3, Score(result, "c", "CategoryCoverage"), 12);
        // flag: only true: adheres, covers one of two.
        Assert.Equal(1.0, Score(result, "flag", "CategoryAdherence"), 12);
        Assert.Equal(0.5, Score(result, "flag", "CategoryCoverage"), 12);
        // id: 1, 2, 2, null: one repeat and one null of four rows.
        Assert.Equal(0.5, Score(result, "id", "KeyUniqueness"), 12);
        Assert.DoesNotContain(result.Checks, c => c.Column == "mail");
        Assert.Equal(9, result.Checks.Count);

        Assert.Equal((2.0 / 3 + 0.75 + 2.0 / 3 + 1 + 0.5) / 5, result.Validity, 12);
        Assert.Equal((0.5 + 0.8 + 1.0 / 3 + 0.5) / 4, result.Coverage, 12);
    }

    [Fact]
    public void Compute_RealAgainstItself_IsOneEverywhere()
    {
        var (real, meta) = RealisticData.Make(1_000);
        var result = Diagnostics.Compute(real, real, meta);
        Assert.All(result.Checks, c => Assert.Equal(1.0, c.Score));
        Assert.Contains(result.Checks, c => c.Column == "id" && c.Metric == "KeyUniqueness");
    }

    [Fact]
    public void Compute_ConstantRealColumn_HasNoRangeCoverage()
    {
        // SDMetrics' RangeCoverage divides by the real range: undefined when it is zero.
        var meta = new TableMetadata("t", [new ColumnMetadata("n", SemanticType.Numerical)]);
        var real = new Table([new NumberColumn("n", [3, 3])]);
        var synthetic = new Table([new NumberColumn("n", [3, 4])]);
        var result = Diagnostics.Compute(real, synthetic, meta);
        Assert.True(double.IsNaN(Score(result, "n", "RangeCoverage")));
        Assert.Equal(0.5, Score(result, "n", "BoundaryAdherence"), 12);
    }

    [Fact]
    public void Compute_KindDiffers_ThrowsNamingTheColumn()
    {
        var meta = new TableMetadata("t", [new ColumnMetadata("n", SemanticType.Numerical)]);
        var real = new Table([new NumberColumn("n", [1, 2])]);
        var synthetic = new Table([new CategoryColumn("n", [0, 1], ["1", "2"])]);
        var error = Assert.Throws<DoppelException>(() => Diagnostics.Compute(real, synthetic, meta));
        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains("'n'", error.Message);
    }
}
