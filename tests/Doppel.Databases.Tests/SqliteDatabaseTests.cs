using Doppel.Data;
using Doppel.Databases.Sqlite;
using Doppel.Metadata;
using Doppel.Relational;
using Microsoft.Data.Sqlite;

namespace Doppel.Databases.Tests;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("doppel-sqlite-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Shop = """
        CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT NOT NULL, boss INTEGER REFERENCES employees (id), hired DATE, active BOOLEAN NOT NULL DEFAULT 1);
        CREATE TABLE orders (region TEXT NOT NULL, number INTEGER NOT NULL, seller INTEGER NOT NULL REFERENCES employees (id), total DECIMAL(10,2),
                             code VARCHAR(6) UNIQUE, CONSTRAINT total_positive CHECK (total >= 0), PRIMARY KEY (region, number));
        CREATE TABLE lines (region TEXT NOT NULL, number INTEGER NOT NULL, line INTEGER NOT NULL, qty INTEGER CHECK (qty > 0), weight REAL,
                            PRIMARY KEY (region, number, line), FOREIGN KEY (region, number) REFERENCES orders (region, number));
        INSERT INTO employees VALUES (1, 'Ann', NULL, '2020-01-31', 1), (2, 'Bob', 1, '2021-02-28', 0), (3, 'Cy', 1, NULL, 1);
        INSERT INTO orders VALUES ('EU', 1, 2, 12.5, 'A1'), ('US', 1, 3, 0, NULL), ('EU', 2, 2, 999.99, 'B2');
        INSERT INTO lines VALUES ('EU', 1, 1, 2, 9.8), ('EU', 1, 2, 1, NULL), ('US', 1, 1, 5, 0.15), ('EU', 2, 1, 7, 1.5);
        """;

    private string Create(string name, string sql)
    {
        string path = Path.Combine(_folder, name);
        using var db = new SqliteConnection($"Data Source={path};Pooling=False");
        db.Open();
        using var command = new SqliteCommand(sql, db);
        command.ExecuteNonQuery();
        return path;
    }

    private static List<string> Rows(string path, string sql)
    {
        using var db = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = new SqliteCommand(sql, db);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }

    [Fact]
    public void ReadMetadata_DeclaredKeysForeignKeysUniqueAndChecks()
    {
        string path = Create("shop.sqlite", Shop);
        using var source = DatabaseProviders.OpenSource(DatabaseLocation.Parse(path));
        var metadata = source.ReadMetadata();
        Assert.Equal(["employees", "lines", "orders"], metadata.Tables.Select(t => t.Name));
        Assert.Equal(["region", "number", "line"], metadata.FindTable("lines")!.Key);
        Assert.Equal(["region", "number"], metadata.FindTable("orders")!.Key);
        var composite = metadata.Relationships.Single(r => r.ChildTable == "lines");
        Assert.Equal(["region", "number"], composite.ChildColumns);
        Assert.Equal(["region", "number"], composite.ParentColumns);
        Assert.Contains(metadata.Relationships, r => r is { ChildTable: "employees", ParentTable: "employees" } && r.ChildColumns.Single() == "boss");
        var employees = metadata.FindTable("employees")!;
        Assert.Equal(SemanticType.Id, employees.Find("boss")!.Type);
        Assert.Equal(SemanticType.Datetime, employees.Find("hired")!.Type);
        Assert.Equal("yyyy-MM-dd", employees.Find("hired")!.Format);
        Assert.Equal(SemanticType.Numerical, metadata.FindTable("lines")!.Find("weight")!.Type);
        var sql = metadata.Sql!;
        Assert.Equal(SqlSchema.Sqlite, sql.Dialect);
        Assert.Equal("DECIMAL(10,2)", sql.Find("orders")!.Find("total")!.Type);
        Assert.Equal(["code"], sql.Find("orders")!.Uniques.Single().Columns);
        Assert.Equal(("total_positive", "CHECK (total >= 0)"), (sql.Find("orders")!.Checks.Single().Name, sql.Find("orders")!.Checks.Single().Expression));
        Assert.Equal(["qty"], sql.Find("lines")!.Checks.Single().Columns);

        var lines = source.ReadTable(metadata.FindTable("lines")!);
        Assert.Equal(4, lines.RowCount);
        Assert.Equal(9.8, ((NumberColumn)lines["weight"]).Values[0]);
        Assert.True(lines["weight"].IsNull(1));
    }

    [Fact]
    public void RoundTrip_SameSchemaAndRows_InANewFile()
    {
        string path = Create("shop.sqlite", Shop), target = Path.Combine(_folder, "copy.db");
        using (var source = DatabaseProviders.OpenSource(DatabaseLocation.Parse(path)))
        {
            var database = Database.Read(source);
            using var sink = DatabaseProviders.OpenSink(DatabaseLocation.Parse(target));
            foreach (var table in database.Metadata.Tables)
            {
                using var writer = sink.OpenTable(table);
                writer.Write(writer.Encode(database[table.Name]));
                writer.Complete();
            }
            Assert.False(File.Exists(target)); // nothing visible before the commit
            sink.Commit(database.Metadata);
        }
        foreach (string table in new[] { "employees", "orders", "lines" })
        {
            Assert.Equal(Rows(path, $"SELECT * FROM {table} ORDER BY 1, 2"), Rows(target, $"SELECT * FROM {table} ORDER BY 1, 2"));
            foreach (string pragma in new[] { "table_info", "foreign_key_list" })
                Assert.Equal(Rows(path, $"SELECT * FROM pragma_{pragma}('{table}')"), Rows(target, $"SELECT * FROM pragma_{pragma}('{table}')"));
        }
        Assert.Equal(["1"], Rows(target, "SELECT count(*) FROM pragma_index_list('orders') WHERE origin = 'u'"));
    }

    [Fact]
    public void Sink_ExistingFileRefused_AbandonedWriteLeavesNothing_BrokenKeyNamesTheTable()
    {
        string path = Create("shop.sqlite", Shop);
        var e = Assert.Throws<DoppelException>(() => DatabaseProviders.OpenSink(DatabaseLocation.Parse(path)));
        Assert.Equal(ErrorKind.IO, e.Kind);
        Assert.Contains("--force", e.Message);

        string target = Path.Combine(_folder, "out.sqlite");
        var table = new TableMetadata("t", [new ColumnMetadata("id", SemanticType.Id) { Integer = true }, new ColumnMetadata("parent", SemanticType.Id) { Integer = true }]) { Key = ["id"] };
        var metadata = new DatasetMetadata([table], [new Relationship("t", ["id"], "t", ["parent"])]);
        using (var sink = SqliteSink.Open(target))
        {
            using var writer = sink.OpenTable(table);
            writer.Write(new Table([new StringColumn("id", ["1"]), new StringColumn("parent", [null])]));
            writer.Complete();
        }
        using (var sink = SqliteSink.Open(target))
        {
            using (var writer = sink.OpenTable(table))
            {
                writer.Write(new Table([new StringColumn("id", ["1", "2"]), new StringColumn("parent", [null, "9"])]));
                writer.Complete();
            }
            var broken = Assert.Throws<DoppelException>(() => sink.Commit(metadata));
            Assert.Contains("table 't' points at a row of 't' that does not exist", broken.Message);
        }
        Assert.Equal(["shop.sqlite"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }
}
