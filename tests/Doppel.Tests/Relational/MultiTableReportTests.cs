using Doppel.Data;
using Doppel.Evaluation.Relational;
using Doppel.Metadata;
using Doppel.Relational;

namespace Doppel.Tests.Relational;

/// <summary>The multi-table metrics on a database small enough to score by hand.</summary>
public class MultiTableReportTests
{
    private static readonly DatasetMetadata Metadata = new(
        [
            new TableMetadata("p", [new("id", SemanticType.Id), new("x", SemanticType.Categorical)], "id"),
            new TableMetadata("c", [new("cid", SemanticType.Id), new("fk", SemanticType.Id), new("v", SemanticType.Numerical), new("w", SemanticType.Numerical)], "cid"),
        ],
        [new Relationship("p", "id", "c", "fk")]);

    private static Database Db(string[] x, string?[] fk, double[] v, double[] w)
    {
        var categories = x.Distinct().Order(StringComparer.Ordinal).ToArray();
        var p = new Table([new StringColumn("id", ["1", "2", "3"]), new CategoryColumn("x", [.. x.Select(s => Array.IndexOf(categories, s))], categories)]);
        var c = new Table([new StringColumn("cid", [.. fk.Select((_, i) => $"c{i}")]), new StringColumn("fk", fk), new NumberColumn("v", v), new NumberColumn("w", w)]);
        return new Database(Metadata, new Dictionary<string, Table> { ["p"] = p, ["c"] = c });
    }

    [Fact]
    public void HandWorkedExample()
    {
        var real = Db(["A", "A", "B"], ["1", "1", "2"], [1, 2, 3], [5, 6, 7]);
        var synthetic = Db(["A", "B", "B"], ["1", "1", "1", "9"], [1, 2, 3, 3], [5, 6, 7, 6]);
        var q = MultiTableReport.Compute(real, synthetic);
        var r = q.Relationships.Single();
        // Children per parent: real {2, 1, 0}, synthetic {3, 0, 0} (the orphan '9' counts for no parent): KS D = 1/3.
        Assert.Equal(2.0 / 3, r.Cardinality, 12);
        // 3 of the 4 synthetic foreign keys find their parent.
        Assert.Equal(0.75, r.ReferentialIntegrity, 12);
        // Real children counts lie in [0, 2]: the synthetic parent with 3 children is outside.
        Assert.Equal(2.0 / 3, r.CardinalityBoundaryAdherence, 12);
        Assert.Equal([1L, 1, 1], r.RealChildren);
        Assert.Equal([2L, 0, 0, 1], r.SyntheticChildren);
        // Column shapes pooled over the three scored columns: x 1 − 1/3, v 1 − 1/6, w 1 − 1/12 (not a mean of table means, 0.771).
        Assert.Equal((8.0 / 12 + 10.0 / 12 + 11.0 / 12) / 3, q.ColumnShapes, 12);
        Assert.Equal(0.75, q.ReferentialIntegrity, 12);
    }

    [Fact]
    public void NullForeignKeys_AreSkippedOnlyWhereTheRealOnesHaveNulls()
    {
        var withNulls = Db(["A", "A", "B"], ["1", null, "2"], [1, 2, 3], [5, 6, 7]);
        var withoutNulls = Db(["A", "A", "B"], ["1", "3", "2"], [1, 2, 3], [5, 6, 7]);
        var synthetic = Db(["A", "A", "B"], [null, "1", "2"], [1, 2, 3], [5, 6, 7]);
        Assert.Equal(1.0, MultiTableReport.Compute(withNulls, synthetic).ReferentialIntegrity, 12);
        Assert.Equal(2.0 / 3, MultiTableReport.Compute(withoutNulls, synthetic).ReferentialIntegrity, 12);
    }

    [Fact]
    public void SameDatabase_ScoresOne()
    {
        var real = Db(["A", "A", "B"], ["1", "1", "2"], [1, 2, 3], [5, 6, 7]);
        var q = MultiTableReport.Compute(real, real);
        Assert.Equal(1.0, q.Cardinality, 12);
        Assert.Equal(1.0, q.ColumnShapes, 12);
        Assert.Equal(1.0, q.CardinalityBoundaryAdherence, 12);
        Assert.Equal(1.0, q.IntertableTrendsAllPairs, 12);
    }
}
