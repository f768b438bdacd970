using System.Diagnostics;
using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Evaluation.Relational;
using Doppel.Metadata;
using Doppel.Relational;
using Doppel.Synthesizers;

namespace Doppel.Bench;

/// <summary>
/// Issue #11: a whole database fitted and sampled (fit and sample timed per the protocol), scored with the
/// multi-table metrics, and each table's accuracy compared with the best single-table model fitted on that table
/// alone. Variant <c>default</c> protects rare categories, <c>keep-rare</c> does not; <c>scale</c> times fit + sample
/// of northwind's orders ← order_details grown (with --scale) to about 1,000,000 order lines.
/// </summary>
internal static class RelationalMeasurement
{
    public static readonly (string Dataset, string Variant)[] Cases =
        [("chinook", "default"), ("chinook", "keep-rare"), ("northwind", "default"), ("northwind", "keep-rare"), ("northwind", "scale")];

    public static Dictionary<string, object> Run(Dataset dataset, string variant, int runs)
    {
        var result = new Dictionary<string, object> { ["kind"] = "relational", ["dataset"] = dataset.Name, ["synthesizer"] = variant, ["rows"] = 0L };
        var load = Stopwatch.StartNew();
        var real = Load(dataset.Name, dataset.TrainFile);
        result["loadSeconds"] = load.Elapsed.TotalSeconds;
        if (variant == "scale")
        {
            real = Grow(real, 1_000_000);
            result["childRows"] = real["order_details"].RowCount;
        }
        var options = new DatabaseSynthesizerOptions { Table = new() { KeepRare = variant == "keep-rare" } };
        result["trainRows"] = real.Tables.Values.Sum(t => t.RowCount);
        result["tables"] = real.Metadata.Tables.Count;
        DatabaseModel model = null!;
        result["fitSeconds"] = Timing.Runs(() => model = DatabaseSynthesizer.Fit(real, options), runs);
        var sampleOptions = new DatabaseSampleOptions { Seed = 1 };
        Database synthetic = null!;
        result["sampleSeconds"] = Timing.Runs(() => synthetic = model.Sample(sampleOptions), runs);
        result["syntheticRows"] = synthetic.Tables.Values.Sum(t => t.RowCount);
        if (variant == "scale") return result;

        var quality = MultiTableReport.Compute(real, synthetic);
        result["cardinality"] = quality.Cardinality;
        result["intertableTrends"] = quality.IntertableTrends;
        result["intertableTrendsAllPairs"] = quality.IntertableTrendsAllPairs;
        result["columnShapes"] = quality.ColumnShapes;
        result["columnPairTrends"] = quality.ColumnPairTrends;
        result["overall"] = quality.Overall;
        result["referentialIntegrity"] = quality.ReferentialIntegrity;
        result["cardinalityBoundaryAdherence"] = quality.CardinalityBoundaryAdherence;
        result["relationships"] = quality.Relationships.Select(r => new Dictionary<string, object>
        {
            ["relationship"] = r.Relationship, ["cardinality"] = r.Cardinality, ["intertableTrends"] = r.IntertableTrends,
            ["referentialIntegrity"] = r.ReferentialIntegrity, ["cardinalityBoundaryAdherence"] = r.CardinalityBoundaryAdherence,
        }).ToList();
        // Reference tables come back as they are: no single-table model to compare with (nor could one fit under 20 rows).
        result["perTable"] = quality.Tables.Where(t => real.Metadata.FindTable(t.Key)!.Reference is false)
            .Select(t => PerTable(real, t.Key, t.Value.Accuracy.Overall, options.Table)).ToList();
        return result;
    }

    /// <summary>The table's accuracy in the database against the best single-table model on the table alone (same seed, same rows).</summary>
    private static Dictionary<string, object> PerTable(Database real, string name, double relational, SynthesizerOptions options)
    {
        var table = real.Metadata.FindTable(name)!;
        var scored = table with { Columns = [.. table.Columns.Where(Binning.Scored)], PrimaryKey = null };
        var data = new Table([.. scored.Columns.Select(c => real[name][c.Name])], real[name].RowCount);
        string best = "";
        double bestScore = double.NegativeInfinity;
        foreach (string synthesizer in SynthesizerCatalog.Names)
        {
            var model = SynthesizerCatalog.Create(synthesizer, options).Fit(data, scored);
            var sample = model.Sample(data.RowCount, new Doppel.Sampling.SampleOptions { Seed = 1 });
            sample = new Table([.. scored.Columns.Select(c => MultiTableReport.AsDeclared(sample[c.Name], c))], sample.RowCount); // as evaluate reads it
            double score = Accuracy.Compute(data, sample, scored).Overall;
            if (score > bestScore) (best, bestScore) = (synthesizer, score);
        }
        return new() { ["table"] = name, ["relational"] = relational, ["bestSingleTable"] = bestScore, ["bestSynthesizer"] = best, ["gap"] = bestScore - relational };
    }

    /// <summary>
    /// The database as detected, with the edit a user makes after reading chinook's evidence: Customer.SupportRepId
    /// is a foreign key to Employee (its name matches no key, so detection only reports it).
    /// </summary>
    public static Database Load(string name, string folder)
    {
        using var source = FolderDatabase.Open(folder);
        var metadata = source.ReadMetadata();
        if (name == "chinook")
            metadata = new DatasetMetadata(
                [.. metadata.Tables.Select(t => t.Name != "Customer" ? t : t with { Columns = [.. t.Columns.Select(c => c.Name == "SupportRepId" ? new ColumnMetadata(c.Name, SemanticType.Id) { Integer = true } : c)] })],
                [.. metadata.Relationships, new Relationship("Employee", "EmployeeId", "Customer", "SupportRepId")]);
        // The lookup tables under 20 rows are reference tables (reproduced as they are).
        string[] reference = name == "chinook" ? ["Employee", "MediaType", "Playlist"] : ["categories", "employees", "region", "shippers"];
        metadata = metadata with { Tables = [.. metadata.Tables.Select(t => reference.Contains(t.Name) ? t with { Reference = true } : t)] };
        return Database.Read(source, metadata);
    }

    /// <summary>northwind's orders ← order_details alone, grown by sampling at a scale that gives about <paramref name="childRows"/> order lines.</summary>
    private static Database Grow(Database northwind, int childRows)
    {
        var orders = northwind.Metadata.FindTable("orders")!;
        var lines = northwind.Metadata.FindTable("order_details")!;
        // product_id stays an identifier column, no longer a link: the database has these two tables only.
        var two = new DatasetMetadata([orders, lines with { Key = ["order_id", "product_id"] }], [northwind.Metadata.Relationships.First(r => r.ChildTable == "order_details" && r.ParentTable == "orders")]);
        var small = new Database(two, new Dictionary<string, Table> { ["orders"] = northwind["orders"], ["order_details"] = northwind["order_details"] });
        double scale = (double)childRows / small["order_details"].RowCount;
        return DatabaseSynthesizer.Fit(small).Sample(new DatabaseSampleOptions { Seed = 42, Scale = scale });
    }
}
