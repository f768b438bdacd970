using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Metadata;

namespace Doppel.Tests;

public class AccuracyTests
{
    [Fact]
    public void Compute_RealAgainstItself_IsOne()
    {
        var (real, meta) = RealisticData.Make(2_000);
        var score = Accuracy.Compute(real, real, meta);
        Assert.Equal(1.0, score.Univariate, 12);
        Assert.Equal(1.0, score.Bivariate, 12);
    }

    [Fact]
    public void Compute_SmallExample_MatchesHandComputation()
    {
        // Real: c = [a, a, b, b], v = [1, 1, 2, 2] (v has 2 distinct values: binned by value).
        // Synthetic: c = [a, b, b, b], v = [1, 2, 2, 2].
        // Univariate c: ½(|½−¼| + |½−¾|) = ¼ → 0.75; v likewise 0.75. Bivariate joint (a,1),(b,2) vs (a,1),(b,2)x3:
        // ½(|½−¼| + |½−¾|) = ¼ → 0.75. Overall 0.75.
        var meta = new TableMetadata("t", [new ColumnMetadata("c", SemanticType.Categorical), new ColumnMetadata("v", SemanticType.Numerical)]);
        var real = new Table([new CategoryColumn("c", [0, 0, 1, 1], ["a", "b"]), new NumberColumn("v", [1, 1, 2, 2])]);
        var syn = new Table([new CategoryColumn("c", [0, 1, 1, 1], ["a", "b"]), new NumberColumn("v", [1, 2, 2, 2])]);
        var score = Accuracy.Compute(real, syn, meta);
        Assert.Equal(0.75, score.Univariate, 12);
        Assert.Equal(0.75, score.Bivariate, 12);
        Assert.Equal(0.75, score.Overall, 12);
    }

    [Fact]
    public void Compute_LeavesOutIdsAndPii()
    {
        var (real, meta) = RealisticData.Make(1_000);
        var (other, _) = RealisticData.Make(1_000, seed: 12);
        // Give the other table the real table's keys and e-mails: if those columns were scored, the score would rise.
        var sameKeys = new Table([.. other.Columns.Select(c => c.Name is "id" or "mail" ? real[c.Name] : c)]);
        var a = Accuracy.Compute(real, other, meta);
        var b = Accuracy.Compute(real, sameKeys, meta);
        Assert.Equal(b.Univariate, a.Univariate);
        Assert.Equal(b.Bivariate, a.Bivariate);
        Assert.DoesNotContain(a.Columns, c => c.Column is "id" or "mail");
    }
}
