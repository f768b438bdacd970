using System.Globalization;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Relational;
using Microsoft.Data.Sqlite;

namespace Doppel.Databases.Sqlite;

/// <summary>
/// Reads a SQLite file: tables, declared primary and foreign keys, UNIQUE and CHECK constraints from its catalog;
/// values typed as in files (SQLite's types are affinities, so the values decide), narrowed by the declared
/// affinity (an INTEGER column stays whole numbers, a TEXT column stays strings).
/// </summary>
public sealed class SqliteSource : IDatabaseSource
{
    private readonly SqliteConnection _db;
    private readonly DatabaseConnectOptions _options;
    private List<SqliteTable>? _catalog;

    private SqliteSource(string path, SqliteConnection db, DatabaseConnectOptions options)
    {
        Path = path;
        _db = db;
        _options = options;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public string Description => Path;

    /// <summary>Opens <paramref name="path"/> read-only.</summary>
    public static SqliteSource Open(string path, DatabaseConnectOptions? options = null)
    {
        if (!File.Exists(path)) throw new DoppelException(ErrorKind.IO, $"Cannot read {path}: no such SQLite file.");
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            db.Open();
            using var probe = new SqliteCommand("SELECT count(*) FROM sqlite_master", db);
            probe.ExecuteScalar();
        }
        catch (SqliteException e)
        {
            db.Dispose();
            throw new DoppelException(ErrorKind.IO, $"Cannot read {path} as a SQLite database: {e.Message}");
        }
        return new SqliteSource(path, db, options ?? DatabaseConnectOptions.Default);
    }

    private List<SqliteTable> Catalog => _catalog ??= Guard("reading the catalog", () => SqliteCatalog.Read(_db));

    /// <inheritdoc/>
    public DatasetMetadata ReadMetadata()
    {
        var tables = new List<TableMetadata>();
        var relationships = new List<Relationship>();
        var sqlTables = new List<SqlTable>();
        foreach (var table in Catalog)
        {
            var ids = new HashSet<string>(table.Key, StringComparer.Ordinal);
            foreach (var fk in table.ForeignKeys) ids.UnionWith(fk.ChildColumns);
            var kept = new List<SqlColumn>();
            var names = new List<string>();
            foreach (var column in table.Sql.Columns)
            {
                if (SqliteAffinity.Of(column.Type) == Affinity.Blob)
                {
                    if (!_options.SkipUnsupported)
                        throw new DoppelException(ErrorKind.Data, $"{Path}: column '{table.Sql.Name}.{column.Name}' is declared {column.Type}, which Doppel cannot synthesize. Pass --skip-unsupported to leave it out.");
                    _options.Warnings?.Add($"Left out column {table.Sql.Name}.{column.Name} ({column.Type}).");
                    continue;
                }
                kept.Add(column);
                names.Add(column.Name);
            }
            var raw = Raw(table.Sql.Name, names);
            var detected = MetadataDetector.Detect(raw, table.Sql.Name);
            var columns = new List<ColumnMetadata>();
            foreach (var (sql, found) in kept.Zip(detected.Columns))
            {
                var affinity = SqliteAffinity.Of(sql.Type);
                var column = ids.Contains(sql.Name) ? new ColumnMetadata(sql.Name, SemanticType.Id) { Integer = affinity == Affinity.Integer || found.Integer }
                    : affinity == Affinity.Integer && found.Type is SemanticType.Numerical or SemanticType.Categorical or SemanticType.Boolean
                        ? sql.Type.Contains("BOOL", StringComparison.OrdinalIgnoreCase) ? new ColumnMetadata(sql.Name, SemanticType.Boolean) : new ColumnMetadata(sql.Name, SemanticType.Numerical) { Integer = true }
                    : affinity == Affinity.Text && found.Type is not (SemanticType.Categorical or SemanticType.Text or SemanticType.Pii or SemanticType.Id)
                        ? new ColumnMetadata(sql.Name, SemanticType.Categorical)
                    : found;
                columns.Add(column with { Nullable = !sql.NotNull && !table.Key.Contains(sql.Name) });
            }
            tables.Add(new TableMetadata(table.Sql.Name, columns) { Key = table.Key });
            relationships.AddRange(table.ForeignKeys.Select(f => new Relationship(f.ParentTable, f.ParentColumns, f.ChildTable, f.ChildColumns) { Name = f.Name }));
            sqlTables.Add(table.Sql with
            {
                Columns = kept,
                Checks = [.. table.Sql.Checks.Where(c => c.Columns.All(names.Contains))],
                Uniques = [.. table.Sql.Uniques.Where(u => u.Columns.All(names.Contains))],
            });
        }
        return new DatasetMetadata(tables, relationships) { Sql = new SqlSchema(SqlSchema.Sqlite, sqlTables) };
    }

    /// <inheritdoc/>
    public Table ReadTable(TableMetadata table)
    {
        var entry = Catalog.FirstOrDefault(t => t.Sql.Name == table.Name)
            ?? throw new DoppelException(ErrorKind.Metadata, $"{Path} has no table '{table.Name}'. Its tables: {string.Join(", ", Catalog.Select(t => t.Sql.Name))}.");
        var raw = Raw(entry.Sql.Name, [.. table.Columns.Select(c => c.Name)]);
        return TableConverter.Convert(raw, table, _options.Warnings);
    }

    // Every value as text, as a file would hold it: integers plainly, reals in their shortest exact form.
    private RawTable Raw(string table, IReadOnlyList<string> columns) => Guard($"reading table '{table}'", () =>
    {
        var entry = Catalog.First(t => t.Sql.Name == table);
        foreach (string c in columns)
            if (entry.Sql.Find(c) is null)
                throw new DoppelException(ErrorKind.Metadata, $"The metadata names column '{c}' that table '{table}' of {Path} does not have.");
        var cells = columns.Select(_ => new List<string?>()).ToArray();
        if (columns.Count > 0)
        {
            using var command = new SqliteCommand($"SELECT {string.Join(", ", columns.Select(Quote))} FROM {Quote(table)}", _db);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (int c = 0; c < cells.Length; c++)
                {
                    cells[c].Add(reader.IsDBNull(c) ? null : reader.GetValue(c) switch
                    {
                        long n => n.ToString(CultureInfo.InvariantCulture),
                        double d => d.ToString("R", CultureInfo.InvariantCulture),
                        string s => s,
                        byte[] => throw new DoppelException(ErrorKind.Data, $"{Path}: table '{table}', column '{columns[c]}' holds binary data (a BLOB), which Doppel cannot synthesize."),
                        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
                    });
                }
            }
        }
        return new RawTable([.. columns], [.. cells.Select(c => c.ToArray())], $"{Path}:{table}");
    });

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private T Guard<T>(string doing, Func<T> action)
    {
        try { return action(); }
        catch (SqliteException e) { throw new DoppelException(ErrorKind.IO, $"{Path}: SQLite failed while {doing}: {e.Message}"); }
    }

    /// <inheritdoc/>
    public void Dispose() => _db.Dispose();
}

/// <summary>SQLite's type affinities.</summary>
internal enum Affinity { Integer, Text, Blob, Real, Numeric }

/// <summary>SQLite's rules for the affinity of a declared type, in their documented order.</summary>
internal static class SqliteAffinity
{
    /// <summary>The affinity of <paramref name="declared"/>; an undeclared type is typed by its values (Numeric here).</summary>
    public static Affinity Of(string declared)
    {
        string t = declared.ToUpperInvariant();
        if (t.Contains("INT", StringComparison.Ordinal)) return Affinity.Integer;
        if (t.Contains("CHAR", StringComparison.Ordinal) || t.Contains("CLOB", StringComparison.Ordinal) || t.Contains("TEXT", StringComparison.Ordinal)) return Affinity.Text;
        if (t.Contains("BLOB", StringComparison.Ordinal)) return Affinity.Blob;
        if (t.Contains("REAL", StringComparison.Ordinal) || t.Contains("FLOA", StringComparison.Ordinal) || t.Contains("DOUB", StringComparison.Ordinal)) return Affinity.Real;
        return Affinity.Numeric;
    }

    /// <summary>The SQLite type for a column that comes without a declared one.</summary>
    public static string DeclaredFor(ColumnMetadata column) => column.Type switch
    {
        SemanticType.Numerical or SemanticType.Id when column.Integer => "INTEGER",
        SemanticType.Numerical when column.Decimals is not null => "NUMERIC",
        SemanticType.Numerical => "REAL",
        SemanticType.Boolean => "BOOLEAN",
        SemanticType.Datetime when column.Format is { } f && ValueParsing.IsDateOnly(f) => "DATE",
        SemanticType.Datetime => "DATETIME",
        _ => "TEXT",
    };
}
