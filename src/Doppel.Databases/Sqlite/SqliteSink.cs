using System.Globalization;
using System.Text.RegularExpressions;
using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Relational;
using Microsoft.Data.Sqlite;

namespace Doppel.Databases.Sqlite;

/// <summary>
/// Writes a database into a new SQLite file, all or nothing: rows go into staging tables of a temporary file in the
/// target's folder; <see cref="Commit"/> creates the declared tables with their keys, UNIQUE, CHECK and NOT NULL
/// constraints, moves the rows in, checks every foreign key, and renames the file over the target.
/// </summary>
public sealed class SqliteSink : IDatabaseSink
{
    private const string Stage = "doppel_stage_";
    private readonly SqliteConnection _db;
    private readonly SqliteTransaction _transaction;
    private readonly string _temp;
    private readonly bool _force;
    private readonly List<string> _written = [];
    private bool _done;

    private SqliteSink(string path, string temp, SqliteConnection db, SqliteTransaction transaction, bool force)
    {
        Path = path;
        _temp = temp;
        _db = db;
        _transaction = transaction;
        _force = force;
    }

    /// <summary>The file that <see cref="Commit"/> creates.</summary>
    public string Path { get; }

    /// <summary>Starts writing <paramref name="path"/>; an existing file is refused unless <see cref="DatabaseConnectOptions.Force"/>.</summary>
    public static SqliteSink Open(string path, DatabaseConnectOptions? options = null)
    {
        options ??= DatabaseConnectOptions.Default;
        string full = System.IO.Path.GetFullPath(path);
        string folder = System.IO.Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder)) throw new DoppelException(ErrorKind.IO, $"Cannot write {path}: the folder {folder} does not exist. Create it first.");
        if (File.Exists(full) && !options.Force) throw new DoppelException(ErrorKind.IO, $"{path} already exists. Pass --force to replace it.");
        string temp = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        try
        {
            db.Open();
            // The file is private until renamed; a crash leaves only a temporary file.
            using (var pragma = new SqliteCommand("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;", db)) pragma.ExecuteNonQuery();
            return new SqliteSink(full, temp, db, db.BeginTransaction(), options.Force);
        }
        catch (SqliteException e)
        {
            db.Dispose();
            TryDelete(temp);
            throw new DoppelException(ErrorKind.IO, $"Cannot write {path}: {e.Message}");
        }
    }

    /// <inheritdoc/>
    public ITableWriter OpenTable(TableMetadata table)
    {
        if (_done) throw new InvalidOperationException("The sink has been committed or abandoned.");
        if (_written.Contains(table.Name)) throw new DoppelException(ErrorKind.Usage, $"Table '{table.Name}' is written twice.");
        Execute($"CREATE TABLE {Q(Stage + table.Name)} ({string.Join(", ", table.Columns.Select(c => Q(c.Name)))})", $"creating table '{table.Name}'");
        _written.Add(table.Name);
        string insert = $"INSERT INTO {Q(Stage + table.Name)} VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
        var command = new SqliteCommand(insert, _db, _transaction);
        for (int i = 0; i < table.Columns.Count; i++) command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null));
        command.Prepare();
        return new SqliteWriter(command, table, Path);
    }

    /// <inheritdoc/>
    public void Commit(DatasetMetadata metadata)
    {
        if (_done) throw new InvalidOperationException("The sink has been committed or abandoned.");
        var missing = metadata.Tables.Select(t => t.Name).Where(n => !_written.Contains(n)).ToList();
        if (missing.Count > 0) throw new DoppelException(ErrorKind.Usage, $"Table(s) {string.Join(", ", missing)} were never written.");
        // SQLite's own declarations are taken whole; another dialect's (a spec's, PostgreSQL's) give NOT NULL, UNIQUE
        // and the CHECKs SQLite reads alike, while types and defaults stay SQLite's own.
        var sql = metadata.Sql;
        bool own = sql?.Dialect == SqlSchema.Sqlite;
        foreach (var table in metadata.Tables)
        {
            var declared = sql?.Find(table.Name);
            var parts = new List<string>();
            foreach (var column in table.Columns)
            {
                var d = declared?.Find(column.Name);
                string type = !own || d is null ? SqliteAffinity.DeclaredFor(column) : d.Type is { Length: > 0 } t ? t : "";
                bool notNull = d?.NotNull ?? column.Nullable == false;
                string? defaultValue = own ? d?.Default : null;
                parts.Add($"{Q(column.Name)}{(type.Length > 0 ? " " + type : "")}{(notNull ? " NOT NULL" : "")}{(defaultValue is { } def ? " DEFAULT " + def : "")}");
            }
            if (table.Key.Count > 0) parts.Add($"PRIMARY KEY ({List(table.Key)})");
            foreach (var unique in declared?.Uniques ?? []) parts.Add($"UNIQUE ({List(unique.Columns)})");
            foreach (var check in declared?.Checks ?? [])
                if (check.Columns.All(c => table.Find(c) is not null) && (own || Portable(check.Expression)))
                    parts.Add($"CONSTRAINT {Q(check.Name)} {check.Expression}");
            foreach (var r in metadata.Relationships.Where(r => r.ChildTable == table.Name))
                parts.Add($"FOREIGN KEY ({List(r.ChildColumns)}) REFERENCES {Q(r.ParentTable)} ({List(r.ParentColumns)})");
            Execute($"CREATE TABLE {Q(table.Name)} ({string.Join(", ", parts)})", $"creating table '{table.Name}'");
            Execute($"INSERT INTO {Q(table.Name)} SELECT * FROM {Q(Stage + table.Name)}", $"filling table '{table.Name}' (a key, UNIQUE, NOT NULL or CHECK constraint failed)");
            Execute($"DROP TABLE {Q(Stage + table.Name)}", $"finishing table '{table.Name}'");
        }
        using (var check = new SqliteCommand("SELECT \"table\", \"parent\", rowid FROM pragma_foreign_key_check", _db, _transaction))
        using (var reader = check.ExecuteReader())
            if (reader.Read())
                throw new DoppelException(ErrorKind.Data, $"{Path}: a row of table '{reader.GetString(0)}' points at a row of '{reader.GetString(1)}' that does not exist; nothing was written.");
        try
        {
            _transaction.Commit();
            _db.Close();
            File.Move(_temp, Path, _force);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot write {Path}: {e.Message}");
        }
        _done = true;
    }

    private void Execute(string statement, string doing)
    {
        try
        {
            using var command = new SqliteCommand(statement, _db, _transaction);
            command.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            throw new DoppelException(ErrorKind.Data, $"{Path}: SQLite failed while {doing}: {e.Message}");
        }
    }

    private static string Q(string identifier) => SqliteSource.Quote(identifier);

    /// <summary>Whether another dialect's CHECK reads the same in SQLite: comparisons, AND/OR/NOT, IN, BETWEEN, IS NULL; no casts or functions.</summary>
    private static bool Portable(string check)
    {
        string body = Regex.Replace(SqlConditions.WithoutLiterals(check), @"^\s*CHECK\s*", "", RegexOptions.IgnoreCase);
        return !SqlConditions.CallsOtherThan(body, []) && SqlConditions.IsPlain(body);
    }

    private static string List(IEnumerable<string> columns) => string.Join(", ", columns.Select(Q));

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_done)
        {
            try { _transaction.Rollback(); }
            catch (Exception e) when (e is SqliteException or InvalidOperationException) { }
            _done = true;
        }
        _transaction.Dispose();
        _db.Dispose();
        TryDelete(_temp);
    }
}

/// <summary>Inserts batches into one staging table with a prepared statement.</summary>
internal sealed class SqliteWriter(SqliteCommand insert, TableMetadata table, string path) : ITableWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <inheritdoc/>
    public object Encode(Table batch) => batch;

    /// <inheritdoc/>
    public void Write(object encoded)
    {
        var batch = (Table)encoded;
        var columns = table.Columns.Select(c => batch[c.Name]).ToArray();
        try
        {
            for (int row = 0; row < batch.RowCount; row++)
            {
                for (int c = 0; c < columns.Length; c++) insert.Parameters[c].Value = Value(columns[c], table.Columns[c], row);
                insert.ExecuteNonQuery();
            }
        }
        catch (SqliteException e)
        {
            throw new DoppelException(ErrorKind.IO, $"{path}: SQLite failed while writing table '{table.Name}': {e.Message}");
        }
    }

    // SQLite's own conventions: integers and reals as numbers, booleans as 0/1, dates as text in the column's format.
    private static object Value(Column column, ColumnMetadata meta, int row)
    {
        if (column.IsNull(row)) return DBNull.Value;
        return column switch
        {
            NumberColumn n when meta.Integer || (n.Values[row] == Math.Round(n.Values[row]) && meta.Decimals == 0) => (long)Math.Round(n.Values[row]),
            NumberColumn n => meta.Decimals is { } d ? Math.Round(n.Values[row], Math.Min(d, 15)) : n.Values[row],
            BooleanColumn b => b.Values[row] ? 1L : 0L,
            DateTimeColumn t => new DateTime(t.Ticks[row]).ToString(meta.Format ?? "yyyy-MM-dd HH:mm:ss", Invariant),
            CategoryColumn k => k.Categories[k.Codes[row]],
            StringColumn s when meta.Integer && long.TryParse(s.Values[row], NumberStyles.AllowLeadingSign, Invariant, out long id) => id,
            StringColumn s => s.Values[row]!,
            _ => throw new InvalidOperationException($"Unknown column kind {column.Kind}."),
        };
    }

    /// <inheritdoc/>
    public void Complete() => insert.Dispose();

    /// <inheritdoc/>
    public void Dispose() => insert.Dispose();
}
