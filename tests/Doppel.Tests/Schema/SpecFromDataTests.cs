using Doppel.Evaluation;
using Doppel.IO;
using Doppel.Schema.Import;
using Doppel.Schema.Spec;
using static Doppel.Tests.Schema.SchemaTestSupport;

namespace Doppel.Tests.Schema;

public class SpecFromDataTests
{
    [SkippableFact]
    public void Adult_SpecFromStatistics_GeneratesBackWithAccuracyAbove080()
    {
        var (real, meta) = TableFiles.Load(SharedDatasets.File("adult/adult.csv"));
        var spec = new SchemaSpec { Tables = [SpecFromData.Table(real, meta) with { Name = "adult" }] };
        string yaml = SpecWriter.Write(spec);
        // Only aggregates: no category seen fewer than 5 times is written.
        var counts = meta.Columns.Where(c => real[c.Name] is Doppel.Data.CategoryColumn).ToDictionary(c => c.Name, c => Cells(real, c.Name).GroupBy(v => v).ToDictionary(g => g.Key ?? "", g => g.Count()));
        foreach (var column in SpecYaml.Parse(yaml).Tables[0].Columns.Where(c => c.Generator?.Kind == "categories" && counts.ContainsKey(c.Name)))
            Assert.All(column.Generator!.Parameters.Entries!, e => Assert.True(counts[column.Name][e.Key] >= SpecFromData.MinCount));
        string folder = GenerateFolder(SpecYaml.Parse(yaml), 3);
        try
        {
            var (synthetic, _) = TableFiles.Load(Path.Combine(folder, "adult.csv"), meta);
            Assert.Equal(real.RowCount, synthetic.RowCount);
            var accuracy = Accuracy.Compute(real, synthetic, meta);
            Assert.True(accuracy.Overall >= 0.80, $"accuracy {accuracy.Overall:0.000} (univariate {accuracy.Univariate:0.000}, bivariate {accuracy.Bivariate:0.000})");
            Assert.True(accuracy.Univariate >= 0.95, $"univariate {accuracy.Univariate:0.000}");
        }
        finally { Directory.Delete(folder, true); }
    }
}

public class SpecFromDatabaseTests
{
    [SkippableFact]
    public void Northwind_SpecFromAFolderOfTables_GeneratesTheSameTableSizes()
    {
        string folder = Path.GetDirectoryName(SharedDatasets.File("northwind/orders.csv"))!;
        using var source = Doppel.Relational.FolderDatabase.Open(folder);
        var metadata = source.ReadMetadata();
        var tables = metadata.Tables.Select(t => (source.ReadTable(t), t)).ToList();
        var spec = SpecYaml.Parse(SpecWriter.Write(SpecFromData.Database(tables, metadata.Relationships)));
        Assert.Contains(spec.Tables, t => t.ForeignKeys.Any(f => f.FanOut is not null));
        string output = GenerateFolder(spec, 4);
        try
        {
            foreach (var (table, meta) in tables)
                Assert.Equal(table.RowCount, File.ReadAllLines(Path.Combine(output, meta.Name + ".csv")).Length - 1);
        }
        finally { Directory.Delete(output, true); }
    }
}
