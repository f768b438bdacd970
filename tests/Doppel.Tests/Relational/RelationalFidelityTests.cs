using Doppel.Evaluation.Relational;
using Doppel.Metadata;
using Doppel.Relational;

namespace Doppel.Tests.Relational;

public class RelationalFidelityTests
{
    /// <summary>chinook as detected, plus the one link its names do not reveal (Customer.SupportRepId -> Employee), as a user edits it.</summary>
    internal static Database Chinook()
    {
        using var source = FolderDatabase.Open(Path.GetDirectoryName(SharedDatasets.File("chinook/Album.csv"))!);
        var detected = source.ReadMetadata();
        var metadata = new DatasetMetadata(
            [.. detected.Tables.Select(t => t.Name != "Customer" ? t : t with { Columns = [.. t.Columns.Select(c => c.Name == "SupportRepId" ? new ColumnMetadata(c.Name, SemanticType.Id) { Integer = true } : c)] })
                .Select(t => t.Name is "Employee" or "MediaType" or "Playlist" ? t with { Reference = true } : t)], // under 20 rows: reference tables
            [.. detected.Relationships, new Relationship("Employee", "EmployeeId", "Customer", "SupportRepId")]);
        return Database.Read(source, metadata);
    }

    internal static Database Northwind()
    {
        using var source = FolderDatabase.Open(Path.GetDirectoryName(SharedDatasets.File("northwind/orders.csv"))!);
        var metadata = source.ReadMetadata();
        // The lookup tables under 20 rows are reference tables.
        return Database.Read(source, metadata with { Tables = [.. metadata.Tables.Select(t => t.Name is "categories" or "employees" or "region" or "shippers" ? t with { Reference = true } : t)] });
    }

    /// <summary>
    /// The structural floors hold on both real databases: every foreign key finds its parent, every parent's children
    /// count lies within the real bounds, and the children-per-parent distributions match (KS on counts).
    /// </summary>
    [SkippableTheory]
    [InlineData("chinook")]
    [InlineData("northwind")]
    public void RealDatabases_KeepIntegrityBoundsAndCardinality(string name)
    {
        var real = name == "chinook" ? Chinook() : Northwind();
        var synthetic = DatabaseSynthesizer.Fit(real).Sample(new DatabaseSampleOptions { Seed = 1 });
        var q = MultiTableReport.Compute(real, synthetic);
        Assert.All(q.Relationships, r => Assert.Equal(1.0, r.ReferentialIntegrity));
        Assert.True(q.Relationships.All(r => r.CardinalityBoundaryAdherence == 1.0), Describe(q));
        Assert.True(q.Cardinality >= 0.95, Describe(q));
    }

    internal static string Describe(MultiTableQuality q) =>
        $"card {q.Cardinality:F3} inter {q.IntertableTrends:F3} ({q.IntertableTrendsAllPairs:F3}) shapes {q.ColumnShapes:F3} pairs {q.ColumnPairTrends:F3} overall {q.Overall:F3} RI {q.ReferentialIntegrity} CBA {q.CardinalityBoundaryAdherence}\n"
        + string.Join("\n", q.Relationships.Select(r => $"{r.Relationship}: card {r.Cardinality:F3} inter {r.IntertableTrends:F3} RI {r.ReferentialIntegrity:F3} CBA {r.CardinalityBoundaryAdherence:F3}"))
        + "\n" + string.Join("\n", q.Tables.Select(t => $"{t.Key}: acc {t.Value.Accuracy.Overall:F3} q {t.Value.Quality.Overall:F3}"));
}
