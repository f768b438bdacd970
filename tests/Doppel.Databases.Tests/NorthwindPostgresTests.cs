using Doppel.Metadata;
using Doppel.Relational;

namespace Doppel.Databases.Tests;

/// <summary>The northwind dump loaded into the private cluster, read by the source and written back by the sink.</summary>
public sealed class NorthwindPostgresTests
{
    // The dump declares keys and NOT NULL only; a UNIQUE and CHECK constraints are added so every kind is exercised.
    private const string ExtraConstraints = """
        ALTER TABLE categories ADD CONSTRAINT categories_name_key UNIQUE (category_name);
        ALTER TABLE products ADD CONSTRAINT products_price_check CHECK (unit_price >= 0);
        ALTER TABLE order_details ADD CONSTRAINT order_details_discount_check CHECK (discount >= 0 AND discount <= 1);
        ALTER TABLE order_details ADD CONSTRAINT order_details_quantity_check CHECK (quantity > 0);
        """;

    internal static TestPostgres LoadNorthwind()
    {
        string dump = SharedDatasets.File("northwind/northwind.sql");
        var pg = TestPostgres.Create();
        pg.Execute(File.ReadAllText(dump));
        pg.Execute(ExtraConstraints);
        return pg;
    }

    [SkippableFact]
    public void Northwind_MetadataFromTheCatalog()
    {
        using var pg = LoadNorthwind();
        var warnings = new List<string>();
        using var source = DatabaseProviders.OpenSource(pg.Location(), pg.Options with { SkipUnsupported = true, Warnings = warnings });
        var metadata = source.ReadMetadata();
        Assert.Equal(14, metadata.Tables.Count);
        Assert.Equal(["order_id", "product_id"], metadata.FindTable("order_details")!.Key);
        var self = metadata.Relationships.Single(r => r.ChildTable == "employees");
        Assert.Equal(("employees", "employee_id", "reports_to"), (self.ParentTable, self.ParentColumns.Single(), self.ChildColumns.Single()));
        Assert.Equal(13, metadata.Relationships.Count);
        // The two bytea columns are left out, and said so.
        Assert.Null(metadata.FindTable("categories")!.Find("picture"));
        Assert.Null(metadata.FindTable("employees")!.Find("photo"));
        Assert.Contains(warnings, w => w.Contains("categories.picture (bytea)", StringComparison.Ordinal));
        Assert.Equal(2155, source.ReadTable(metadata.FindTable("order_details")!).RowCount);
    }

    [SkippableFact]
    public void Northwind_WrittenBack_PostgresAcceptsEveryConstraint()
    {
        using var pg = LoadNorthwind();
        var options = pg.Options with { SkipUnsupported = true };
        using (var source = DatabaseProviders.OpenSource(pg.Location(), options))
        {
            var database = Database.Read(source);
            using var sink = DatabaseProviders.OpenSink(pg.Location("copy"), options);
            foreach (var table in database.Metadata.Tables)
            {
                using var writer = sink.OpenTable(table);
                writer.Write(writer.Encode(database[table.Name]));
                writer.Complete();
            }
            sink.Commit(database.Metadata);
        }
        var real = PostgresCatalogSnapshot.Constraints(pg, "public");
        Assert.Equal(14 + 13 + 1 + 3, real.Count); // primary keys, foreign keys, the UNIQUE, the CHECKs
        Assert.Equal(real, PostgresCatalogSnapshot.Constraints(pg, "copy"));
        var columns = PostgresCatalogSnapshot.Columns(pg, "public").Where(c => !c.Contains("| bytea |", StringComparison.Ordinal)).ToList();
        Assert.Equal(columns, PostgresCatalogSnapshot.Columns(pg, "copy"));
        Assert.Equal(pg.Rows("SELECT count(*) FROM public.order_details"), pg.Rows("SELECT count(*) FROM copy.order_details"));
        Assert.Equal([["2", "NULL"]], pg.Rows("SELECT employee_id, reports_to FROM copy.employees WHERE reports_to IS NULL"));
    }

    [SkippableFact]
    public void Northwind_InspectFitSample_IntoANewSchema_WithEveryConstraint()
    {
        using var pg = LoadNorthwind();
        // The UNIQUE added above holds 8 category names: a synthesizer may repeat one, so it is dropped here; every
        // key, foreign key, NOT NULL and CHECK stays.
        pg.Execute("ALTER TABLE categories DROP CONSTRAINT categories_name_key");
        var options = pg.Options with { SkipUnsupported = true };
        DatasetMetadata metadata;
        Database real;
        using (var source = DatabaseProviders.OpenSource(pg.Location(), options))
        {
            var catalog = source.ReadMetadata();
            // The lookup tables under 20 rows are declared reference tables, as a user edits the inspected JSON.
            catalog = catalog with { Tables = [.. catalog.Tables.Select(t => t.Name is "categories" or "employees" or "region" or "shippers" ? t with { Reference = true } : t)] };
            metadata = MetadataJson.Parse(MetadataJson.Write(catalog)); // inspect writes it, fit reads it
            real = Database.Read(source, metadata);
        }
        var model = DatabaseSynthesizer.Fit(real);
        using (var sink = DatabaseProviders.OpenSink(pg.Location("synthetic"), options))
            model.Sample(new DatabaseSampleOptions { Seed = 7 }, sink);

        Assert.Equal(PostgresCatalogSnapshot.Constraints(pg, "public"), PostgresCatalogSnapshot.Constraints(pg, "synthetic"));
        var columns = PostgresCatalogSnapshot.Columns(pg, "public").Where(c => !c.Contains("| bytea |", StringComparison.Ordinal)).ToList();
        Assert.Equal(columns, PostgresCatalogSnapshot.Columns(pg, "synthetic"));
        // Every table that has rows has synthetic rows (roots at their real size, children by their cardinality).
        foreach (var table in metadata.Tables.Where(t => real[t.Name].RowCount > 0))
            Assert.True(pg.Scalar<long>($"SELECT count(*) FROM synthetic.{table.Name}") > 0, table.Name);
        Assert.Equal(real["customers"].RowCount, pg.Scalar<long>("SELECT count(*) FROM synthetic.customers"));
    }
}
