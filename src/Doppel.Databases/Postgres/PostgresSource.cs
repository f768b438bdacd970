using Doppel.Data;
using Doppel.Metadata;
using Doppel.Relational;
using Npgsql;
using NpgsqlTypes;

namespace Doppel.Databases.Postgres;

/// <summary>
/// Reads one schema of a live PostgreSQL database: tables, keys (composite too), foreign keys (self-references
/// too), UNIQUE, NOT NULL, CHECK, enums and defaults from <c>pg_catalog</c>; rows with binary COPY straight into
/// typed columns.
/// </summary>
/// <remarks>
/// Semantic types come from the SQL types; only string columns are typed from their values (categorical, text or
/// PII). Key and foreign-key columns are ids. <see cref="Description"/> never holds the password.
/// </remarks>
public sealed class PostgresSource : IDatabaseSource
{
    private readonly PostgresConnectionString _connection;
    private readonly DatabaseConnectOptions _options;
    private readonly NpgsqlConnection _db;
    private PostgresCatalog? _catalog;

    private PostgresSource(PostgresConnectionString connection, DatabaseConnectOptions options, NpgsqlConnection db)
    {
        _connection = connection;
        _options = options;
        _db = db;
    }

    /// <summary>Connects to the database named by libpq <paramref name="parameters"/>.</summary>
    public static PostgresSource Open(IReadOnlyDictionary<string, string> parameters, DatabaseConnectOptions? options = null)
    {
        options ??= DatabaseConnectOptions.Default;
        var connection = PostgresConnectionString.Create(parameters, options);
        var db = PostgresSession.Open(connection);
        return new PostgresSource(connection, options, db);
    }

    /// <inheritdoc/>
    public string Description => _connection.Description;

    /// <summary>The schema read.</summary>
    public string Schema => _connection.Schema ?? "public";

    internal PostgresCatalog Catalog => _catalog ??= PostgresErrors.Guard(_connection, $"reading the catalog of schema '{Schema}'", () =>
    {
        PostgresSession.SetSearchPath(_db, Schema);
        return PostgresCatalog.Read(_db, Schema, _connection.Builder.Username ?? Environment.UserName, _options.SkipUnsupported, _options.Warnings);
    });

    /// <inheritdoc/>
    public DatasetMetadata ReadMetadata()
    {
        var catalog = Catalog;
        var tables = new List<TableMetadata>();
        foreach (var table in catalog.Tables)
        {
            var ids = new HashSet<string>(table.Key, StringComparer.Ordinal);
            foreach (var fk in catalog.ForeignKeys.Where(f => f.ChildTable == table.Sql.Name)) ids.UnionWith(fk.ChildColumns);
            var strings = DetectStrings(table, ids);
            var columns = new List<ColumnMetadata>();
            for (int c = 0; c < table.Sql.Columns.Count; c++)
            {
                var sql = table.Sql.Columns[c];
                var type = table.Types[c];
                var column = ids.Contains(sql.Name) ? new ColumnMetadata(sql.Name, SemanticType.Id) { Integer = type.Integer }
                    : type.Wire == PgWire.Enum ? new ColumnMetadata(sql.Name, SemanticType.Categorical) { Categories = catalog.Enums.First(e => e.Name == sql.Type).Labels }
                    : type.IsString ? strings[sql.Name]
                    : new ColumnMetadata(sql.Name, type.Semantic) { Integer = type.Integer, Decimals = type.Integer ? null : type.Scale, Format = type.Format };
                columns.Add(column with { Nullable = !sql.NotNull });
            }
            tables.Add(new TableMetadata(table.Sql.Name, columns) { Key = table.Key });
        }
        var relationships = catalog.ForeignKeys
            .Select(f => new Relationship(f.ParentTable, f.ParentColumns, f.ChildTable, f.ChildColumns) { Name = f.Name })
            .ToList();
        var sqlSchema = new SqlSchema(SqlSchema.PostgreSql, [.. catalog.Tables.Select(t => t.Sql)]) { Schema = Schema, Enums = catalog.Enums };
        return new DatasetMetadata(tables, relationships) { Sql = sqlSchema };
    }

    /// <inheritdoc/>
    public Table ReadTable(TableMetadata table)
    {
        var entry = Catalog.Find(table.Name)
            ?? throw new DoppelException(ErrorKind.Metadata, $"Schema '{Schema}' has no table '{table.Name}'. Its tables: {string.Join(", ", Catalog.Tables.Select(t => t.Sql.Name))}.");
        var types = new PostgresType[table.Columns.Count];
        for (int c = 0; c < types.Length; c++)
        {
            int at = entry.Sql.Columns.ToList().FindIndex(x => x.Name == table.Columns[c].Name);
            if (at < 0)
                throw new DoppelException(ErrorKind.Metadata,
                    $"The metadata names column '{table.Columns[c].Name}' that table '{Schema}.{table.Name}' does not have. Its columns: {string.Join(", ", entry.Sql.Columns.Select(x => x.Name))}.");
            types[c] = entry.Types[at];
        }
        return PostgresErrors.Guard(_connection, $"reading table '{Schema}.{table.Name}'", () => Copy(table, types));
    }

    private Table Copy(TableMetadata table, PostgresType[] types)
    {
        if (table.Columns.Count == 0)
        {
            // COPY needs a column; a table whose every column was left out still has its row count.
            using var count = new NpgsqlCommand($"SELECT count(*) FROM {PostgresSession.Quote(Schema)}.{PostgresSession.Quote(table.Name)}", _db);
            return new Table([], checked((int)(long)count.ExecuteScalar()!));
        }
        var builders = table.Columns.Select(c => new ColumnBuilder(table.Name, c)).ToArray();
        string select = string.Join(", ", table.Columns.Select((c, i) => types[i].ReadSql(PostgresSession.Quote(c.Name))));
        string sql = $"COPY (SELECT {select} FROM {PostgresSession.Quote(Schema)}.{PostgresSession.Quote(table.Name)}) TO STDOUT (FORMAT BINARY)";
        int rows = 0;
        using (var reader = _db.BeginBinaryExport(sql))
        {
            while (reader.StartRow() >= 0)
            {
                rows++;
                for (int c = 0; c < builders.Length; c++)
                {
                    var b = builders[c];
                    if (reader.IsNull) { reader.Skip(); b.AddNull(); continue; }
                    switch (types[c].ReadWire)
                    {
                        case PgWire.Int64: b.Add(reader.Read<long>(NpgsqlDbType.Bigint)); break;
                        case PgWire.Float8: b.Add(reader.Read<double>(NpgsqlDbType.Double)); break;
                        // real's value as PostgreSQL prints it (9.8, not 9.80000019...): the shortest text that reads back.
                        case PgWire.Float4: b.Add(double.Parse(reader.Read<float>(NpgsqlDbType.Real).ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)); break;
                        case PgWire.Boolean: b.Add(reader.Read<bool>(NpgsqlDbType.Boolean)); break;
                        case PgWire.Date: b.Add(reader.Read<DateTime>(NpgsqlDbType.Date)); break;
                        case PgWire.Timestamp: b.Add(reader.Read<DateTime>(NpgsqlDbType.Timestamp)); break;
                        case PgWire.TimestampTz: b.Add(reader.Read<DateTime>(NpgsqlDbType.TimestampTz)); break;
                        case PgWire.Time: b.Add(DateTime.MinValue + reader.Read<TimeSpan>(NpgsqlDbType.Time)); break;
                        default: b.AddText(reader.Read<string>(NpgsqlDbType.Text)); break;
                    }
                }
            }
        }
        return new Table([.. builders.Select(b => b.Build())], rows);
    }

    // String columns are typed from their values, as in files: categorical, text or PII (never numbers or dates,
    // which would not write back into a string column as read).
    private Dictionary<string, ColumnMetadata> DetectStrings(CatalogTable table, HashSet<string> ids)
    {
        var names = table.Sql.Columns.Where((c, i) => table.Types[i].IsString && !ids.Contains(c.Name)).Select(c => c.Name).ToArray();
        var result = new Dictionary<string, ColumnMetadata>(StringComparer.Ordinal);
        if (names.Length == 0) return result;
        var asText = new TableMetadata(table.Sql.Name, [.. names.Select(n => new ColumnMetadata(n, SemanticType.Text))]);
        var data = ReadTable(asText);
        var raw = new RawTable(names, [.. data.Columns.Select(c => ((StringColumn)c).Values)], $"{Schema}.{table.Sql.Name}");
        foreach (var column in MetadataDetector.Detect(raw, table.Sql.Name).Columns)
            result[column.Name] = column.Type is SemanticType.Categorical or SemanticType.Text or SemanticType.Pii or SemanticType.Id
                ? column
                : new ColumnMetadata(column.Name, SemanticType.Categorical);
        return result;
    }

    /// <inheritdoc/>
    public void Dispose() => _db.Dispose();
}
