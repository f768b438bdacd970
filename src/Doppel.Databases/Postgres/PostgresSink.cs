using Doppel.IO;
using Doppel.Metadata;
using Doppel.Relational;
using Npgsql;

namespace Doppel.Databases.Postgres;

/// <summary>
/// Writes a database into a new PostgreSQL schema, all or nothing: one transaction creates a schema under a
/// temporary name, copies every table in with binary COPY, then converts columns to their declared types and adds
/// NOT NULL, defaults, identities, primary keys, UNIQUE, CHECK and foreign keys, and finally renames the schema to
/// the target. A lost connection or any failure rolls everything back, so nothing half-written is ever visible.
/// </summary>
/// <remarks>
/// Columns are copied in a neutral type (text, double precision, boolean, timestamp) and cast to the declared type
/// at commit, so varchar(n) lengths and numeric scales are applied by PostgreSQL's own casts. Without SQL
/// declarations (metadata from files) the types follow the semantic types.
/// </remarks>
public sealed class PostgresSink : IDatabaseSink
{
    private readonly PostgresConnectionString _connection;
    private readonly NpgsqlConnection _db;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _temp;
    private readonly bool _replace;
    private readonly List<string> _written = [];
    private bool _done;

    private PostgresSink(PostgresConnectionString connection, NpgsqlConnection db, NpgsqlTransaction transaction, string target, string temp, bool replace)
    {
        _connection = connection;
        _db = db;
        _transaction = transaction;
        Target = target;
        _temp = temp;
        _replace = replace;
    }

    /// <summary>The schema that <see cref="Commit"/> creates.</summary>
    public string Target { get; }

    /// <summary>The server process of the connection (for tests that cut it).</summary>
    internal int BackendProcessId => _db.ProcessID;

    /// <summary>
    /// Connects and starts writing into a new schema: the location's <c>schema</c> parameter or
    /// <see cref="DatabaseConnectOptions.Schema"/>. An existing schema is refused unless
    /// <see cref="DatabaseConnectOptions.Force"/>, which replaces it at commit.
    /// </summary>
    public static PostgresSink Open(IReadOnlyDictionary<string, string> parameters, DatabaseConnectOptions? options = null)
    {
        options ??= DatabaseConnectOptions.Default;
        var connection = PostgresConnectionString.Create(parameters, options);
        string target = connection.Schema
            ?? throw new DoppelException(ErrorKind.Usage,
                $"Name the schema to create in {connection.Description}: add ?schema=NAME to the location (it must not exist yet, or pass --force).");
        var db = PostgresSession.Open(connection);
        try
        {
            return PostgresErrors.Guard(connection, $"starting to write schema '{target}'", () =>
            {
                bool exists;
                using (var check = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", db))
                {
                    check.Parameters.Add(new NpgsqlParameter { Value = target });
                    exists = (bool)check.ExecuteScalar()!;
                }
                if (exists && !options.Force)
                    throw new DoppelException(ErrorKind.IO, $"Schema '{target}' already exists in {connection.Description}. Pass --force to replace it.");
                var transaction = db.BeginTransaction();
                string temp = "doppel_tmp_" + Guid.NewGuid().ToString("N")[..12];
                PostgresSession.Execute(db, $"CREATE SCHEMA {PostgresSession.Quote(temp)}", transaction);
                PostgresSession.Execute(db, $"SET LOCAL search_path TO {PostgresSession.Quote(temp)}, pg_catalog", transaction);
                // Timestamps with a time zone were read as UTC; they go back as UTC.
                PostgresSession.Execute(db, "SET LOCAL TimeZone TO 'UTC'", transaction);
                return new PostgresSink(connection, db, transaction, target, temp, exists);
            });
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public ITableWriter OpenTable(TableMetadata table)
    {
        if (_done) throw new InvalidOperationException("The sink has been committed or abandoned.");
        if (_written.Contains(table.Name)) throw new DoppelException(ErrorKind.Usage, $"Table '{table.Name}' is written twice.");
        string columns = string.Join(", ", table.Columns.Select(c => $"{PostgresSession.Quote(c.Name)} {PostgresWriter.StagingType(c)}"));
        return PostgresErrors.Guard(_connection, $"creating table '{table.Name}'", () =>
        {
            PostgresSession.Execute(_db, $"CREATE TABLE {Name(table.Name)} ({columns})", _transaction);
            _written.Add(table.Name);
            string copy = $"COPY {Name(table.Name)} ({string.Join(", ", table.Columns.Select(c => PostgresSession.Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
            return (ITableWriter)new PostgresWriter(_db.BeginBinaryImport(copy), table, _connection);
        });
    }

    /// <inheritdoc/>
    public void Commit(DatasetMetadata metadata)
    {
        if (_done) throw new InvalidOperationException("The sink has been committed or abandoned.");
        var missing = metadata.Tables.Select(t => t.Name).Where(n => !_written.Contains(n)).ToList();
        if (missing.Count > 0) throw new DoppelException(ErrorKind.Usage, $"Table(s) {string.Join(", ", missing)} were never written.");
        var sql = metadata.Sql?.Dialect == SqlSchema.PostgreSql ? metadata.Sql : null;
        var steps = PostgresSchemaScript.Steps(metadata, sql);
        foreach (var (what, statement) in steps)
            PostgresErrors.Guard(_connection, what, () => PostgresSession.Execute(_db, statement, _transaction));
        PostgresErrors.Guard(_connection, $"making schema '{Target}' visible", () =>
        {
            if (_replace) PostgresSession.Execute(_db, $"DROP SCHEMA {PostgresSession.Quote(Target)} CASCADE", _transaction);
            PostgresSession.Execute(_db, $"ALTER SCHEMA {PostgresSession.Quote(_temp)} RENAME TO {PostgresSession.Quote(Target)}", _transaction);
            _transaction.Commit();
        });
        _done = true;
    }

    private string Name(string table) => $"{PostgresSession.Quote(_temp)}.{PostgresSession.Quote(table)}";

    /// <inheritdoc/>
    public void Dispose()
    {
        // Without a commit the transaction is rolled back: the temporary schema never existed for anyone else.
        if (!_done)
        {
            try { _transaction.Rollback(); }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException) { }
            _done = true;
        }
        _transaction.Dispose();
        _db.Dispose();
    }
}
