using Doppel.Data;
using Doppel.Databases.Postgres;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Relational;

namespace Doppel.Databases.Tests;

public sealed class PostgresSinkTests
{
    private static void Copy(IDatabaseSource source, IDatabaseSink sink)
    {
        var metadata = source.ReadMetadata();
        // Parents before children, as the contract asks (the sink itself does not need it: keys come last).
        foreach (var table in metadata.Tables.OrderBy(t => t.Name == "order_lines" ? 2 : t.Name == "orders" ? 1 : 0))
        {
            using var writer = sink.OpenTable(table);
            writer.Write(writer.Encode(source.ReadTable(table)));
            writer.Complete();
        }
        sink.Commit(metadata);
    }

    [SkippableFact]
    public void RoundTrip_RecreatesEveryTypeAndConstraint()
    {
        using var pg = TestPostgres.Create();
        pg.Execute(PostgresSourceTests.ShopSchema);
        using (var source = PostgresSource.Open(pg.Location("shop").Parameters, pg.Options))
        using (var sink = PostgresSink.Open(pg.Location("copy").Parameters, pg.Options))
            Copy(source, sink);

        Assert.Equal(PostgresCatalogSnapshot.Columns(pg, "shop"), PostgresCatalogSnapshot.Columns(pg, "copy"));
        Assert.Equal(PostgresCatalogSnapshot.Constraints(pg, "shop"), PostgresCatalogSnapshot.Constraints(pg, "copy"));
        Assert.Equal(7, PostgresCatalogSnapshot.Constraints(pg, "copy").Count(c => c.Contains(" | p | ") || c.Contains(" | f | ") || c.Contains(" | u | ")));
        foreach (string table in new[] { "customers", "orders", "order_lines" })
        {
            Assert.Equal([], pg.Rows($"(SELECT x::text FROM shop.{table} x EXCEPT ALL SELECT x::text FROM copy.{table} x) UNION ALL (SELECT '>' || x::text FROM copy.{table} x EXCEPT ALL SELECT '>' || x::text FROM shop.{table} x)").Select(r => r[0]));
            Assert.Equal(0L, pg.Scalar<long>($"SELECT count(*) FROM ((SELECT x::text FROM shop.{table} x EXCEPT ALL SELECT x::text FROM copy.{table} x) UNION ALL (SELECT x::text FROM copy.{table} x EXCEPT ALL SELECT x::text FROM shop.{table} x)) d"));
            Assert.True(pg.Scalar<long>($"SELECT count(*) FROM copy.{table}") > 0);
        }
        // Defaults, the identity and the serial sequence continue after the copied rows.
        pg.Execute("INSERT INTO copy.customers (code) VALUES ('C004'); INSERT INTO copy.orders (region, customer_id, total) VALUES ('EU', 4, 1)");
        Assert.Equal(["4", "False"], pg.Rows("SELECT id, vip FROM copy.customers WHERE code = 'C004'").Single());
        Assert.Equal(4, pg.Scalar<int>("SELECT number FROM copy.orders WHERE customer_id = 4"));
        Assert.Empty(PostgresCatalogSnapshot.Schemas(pg, "doppel_tmp_"));
    }

    [SkippableFact]
    public void Write_FromFileMetadata_TypesFromSemanticTypes_AndVarcharAndScaleRespected()
    {
        using var pg = TestPostgres.Create();
        pg.Execute("CREATE SCHEMA src; CREATE TABLE src.t (id integer PRIMARY KEY, code varchar(3), price numeric(6,2))");
        // Declared types from a PostgreSQL catalog, values longer and finer than they allow (as synthesis could make).
        using (var source = PostgresSource.Open(pg.Location("src").Parameters, pg.Options))
        {
            var metadata = source.ReadMetadata();
            var table = metadata.Tables.Single();
            using var sink = PostgresSink.Open(pg.Location("out").Parameters, pg.Options);
            using (var writer = sink.OpenTable(table))
            {
                writer.Write(new Table([
                    new StringColumn("id", ["1", "2"]),
                    new CategoryColumn("code", [0, 1], ["ABCDE", "XY"]),
                    new NumberColumn("price", [12.345, 1234.5]),
                ]));
                writer.Complete();
            }
            sink.Commit(metadata);
        }
        Assert.Equal([["1", "ABC", "12.35"], ["2", "XY", "1234.50"]], pg.Rows("SELECT id, code, price::text FROM out.t ORDER BY id"));
        Assert.Equal(["t | id | integer | True | -", "t | code | character varying(3) | False | -", "t | price | numeric(6,2) | False | -"],
            PostgresCatalogSnapshot.Columns(pg, "out"));

        // Without SQL declarations (metadata of files) the types follow the semantic types.
        var plain = new TableMetadata("people", [
            new ColumnMetadata("id", SemanticType.Id) { Integer = true }, new ColumnMetadata("age", SemanticType.Numerical) { Integer = true },
            new ColumnMetadata("height", SemanticType.Numerical) { Decimals = 1 }, new ColumnMetadata("born", SemanticType.Datetime) { Format = "yyyy-MM-dd" },
            new ColumnMetadata("city", SemanticType.Categorical), new ColumnMetadata("ok", SemanticType.Boolean)]) { Key = ["id"] };
        using (var sink = PostgresSink.Open(pg.Location("plain").Parameters, pg.Options))
        {
            using (var writer = sink.OpenTable(plain))
            {
                writer.Write(new Table([
                    new StringColumn("id", ["7"]), new NumberColumn("age", [41]), new NumberColumn("height", [1.75]),
                    new DateTimeColumn("born", [new DateTime(1984, 5, 6).Ticks]), new CategoryColumn("city", [0], ["Oslo"]), new BooleanColumn("ok", [true]),
                ]));
                writer.Complete();
            }
            sink.Commit(DatasetMetadata.Single(plain));
        }
        Assert.Equal(["people | id | bigint | True | -", "people | age | bigint | False | -", "people | height | numeric(38,1) | False | -",
            "people | born | date | False | -", "people | city | text | False | -", "people | ok | boolean | False | -"], PostgresCatalogSnapshot.Columns(pg, "plain"));
        Assert.Equal(["7", "41", "1.8", "1984-05-06", "Oslo", "true"], pg.Rows("SELECT id::text, age::text, height::text, born::text, city, ok::text FROM plain.people").Single());
    }

    [SkippableFact]
    public void Open_ExistingSchema_RefusedWithoutForce_ReplacedWithIt()
    {
        using var pg = TestPostgres.Create();
        pg.Execute("CREATE SCHEMA target; CREATE TABLE target.old (x integer); CREATE SCHEMA src; CREATE TABLE src.t (id integer PRIMARY KEY); INSERT INTO src.t VALUES (1)");
        var e = Assert.Throws<DoppelException>(() => PostgresSink.Open(pg.Location("target").Parameters, pg.Options));
        Assert.Equal(ErrorKind.IO, e.Kind);
        Assert.Contains("Schema 'target' already exists", e.Message);
        Assert.Contains("--force", e.Message);
        Assert.Equal(1L, pg.Scalar<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'target' AND tablename = 'old'"));

        using (var source = PostgresSource.Open(pg.Location("src").Parameters, pg.Options))
        using (var sink = PostgresSink.Open(pg.Location("target").Parameters, pg.Options with { Force = true }))
            Copy(source, sink);
        Assert.Equal(["t"], pg.Rows("SELECT tablename FROM pg_tables WHERE schemaname = 'target'").Select(r => r[0]));
    }

    [SkippableFact]
    public void Write_WithoutSchemaName_IsAUsageError()
    {
        using var pg = TestPostgres.Create();
        var e = Assert.Throws<DoppelException>(() => PostgresSink.Open(pg.Location().Parameters, pg.Options));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("?schema=", e.Message);
    }

    [SkippableFact]
    public void ConnectionLostMidWrite_LeavesNothingVisible()
    {
        using var pg = TestPostgres.Create();
        pg.Execute(PostgresSourceTests.ShopSchema);
        using var source = PostgresSource.Open(pg.Location("shop").Parameters, pg.Options);
        var metadata = source.ReadMetadata();
        var sink = PostgresSink.Open(pg.Location("copy").Parameters, pg.Options);
        var customers = metadata.FindTable("customers")!;
        using (var writer = sink.OpenTable(customers))
        {
            writer.Write(writer.Encode(source.ReadTable(customers)));
            writer.Complete();
        }
        var orders = metadata.FindTable("orders")!;
        var ordersWriter = sink.OpenTable(orders);
        ordersWriter.Write(ordersWriter.Encode(source.ReadTable(orders)));
        // Another session cuts the sink's connection in the middle of its second table.
        Assert.True(pg.Scalar<bool>($"SELECT pg_terminate_backend({sink.BackendProcessId})"));
        var e = Assert.Throws<DoppelException>(() =>
        {
            ordersWriter.Write(ordersWriter.Encode(source.ReadTable(orders)));
            ordersWriter.Complete();
            sink.Commit(metadata);
        });
        Assert.Equal(ErrorKind.IO, e.Kind);
        Assert.True(e.Message.Contains("lost", StringComparison.Ordinal), e.Message);
        ordersWriter.Dispose();
        sink.Dispose();
        Assert.Empty(PostgresCatalogSnapshot.Schemas(pg, "copy"));
        Assert.Empty(PostgresCatalogSnapshot.Schemas(pg, "doppel_tmp_"));
    }

    [SkippableFact]
    public void Commit_ConstraintTheDataBreaks_NamesItAndLeavesNothing()
    {
        using var pg = TestPostgres.Create();
        pg.Execute("CREATE SCHEMA src; CREATE TABLE src.t (id integer PRIMARY KEY, qty integer CONSTRAINT qty_positive CHECK (qty > 0))");
        using var source = PostgresSource.Open(pg.Location("src").Parameters, pg.Options);
        var metadata = source.ReadMetadata();
        using (var sink = PostgresSink.Open(pg.Location("out").Parameters, pg.Options))
        {
            using (var writer = sink.OpenTable(metadata.Tables.Single()))
            {
                writer.Write(new Table([new StringColumn("id", ["1", "2"]), new NumberColumn("qty", [3, -1])]));
                writer.Complete();
            }
            var e = Assert.Throws<DoppelException>(() => sink.Commit(metadata));
            Assert.Contains("qty_positive", e.Message);
        }
        Assert.Empty(PostgresCatalogSnapshot.Schemas(pg, "out"));
    }
}
