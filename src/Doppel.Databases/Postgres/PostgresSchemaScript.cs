using System.Globalization;
using System.Text;
using Doppel.Metadata;

namespace Doppel.Databases.Postgres;

/// <summary>
/// The statements that turn freshly copied tables (in staging types, names unqualified: the session's search path
/// is the new schema) into the declared schema: enum types, column types, NOT NULL, defaults, identities, then
/// primary keys, UNIQUE, CHECK and foreign keys — after the data, so each is checked once over all rows.
/// </summary>
internal static class PostgresSchemaScript
{
    private const string JsonHelper = "doppel_to_jsonb";

    /// <summary>Each step with what it does (for the error that names it) and its SQL.</summary>
    /// <param name="metadata">The tables as written, their keys and relationships.</param>
    /// <param name="sql">PostgreSQL declarations to recreate, or null to derive types from the semantic types.</param>
    public static List<(string What, string Sql)> Steps(DatasetMetadata metadata, SqlSchema? sql)
    {
        var steps = new List<(string, string)>();
        foreach (var e in sql?.Enums ?? [])
            steps.Add(($"creating enum type {e.Name}", $"CREATE TYPE {e.Name} AS ENUM ({string.Join(", ", e.Labels.Select(Literal))})"));

        var declared = metadata.Tables.ToDictionary(t => t.Name, t => t.Columns.Select(c => Declared(t, c, sql)).ToArray());
        bool json = declared.Values.SelectMany(d => d).Any(d => d.Type.Wire is PgWire.Json or PgWire.Jsonb);
        // Synthetic text is not always valid JSON: such a value is stored as a JSON string instead of failing the write.
        if (json)
            steps.Add(("creating a helper function", $"CREATE FUNCTION {JsonHelper}(value text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN value::jsonb; EXCEPTION WHEN others THEN RETURN to_jsonb(value); END $$"));
        foreach (var table in metadata.Tables)
        {
            var changes = new List<string>();
            for (int c = 0; c < table.Columns.Count; c++)
            {
                var column = table.Columns[c];
                var (type, _) = declared[table.Name][c];
                string staging = PostgresWriter.StagingType(column);
                if (type.Declared == staging) continue;
                string name = Q(column.Name);
                string cast = type.Wire switch
                {
                    PgWire.Interval when staging == "double precision" => $"justify_hours(make_interval(secs => {name}))",
                    PgWire.Json or PgWire.Jsonb when staging == "text" => $"{JsonHelper}({name})::{type.Declared}",
                    PgWire.Int16 or PgWire.Int32 or PgWire.Int64 when staging == "double precision" => $"round({name})::{type.Declared}",
                    _ => $"{name}::{type.Declared}",
                };
                changes.Add($"ALTER COLUMN {name} TYPE {type.Declared} USING {cast}");
            }
            if (changes.Count > 0)
                steps.Add(($"converting the columns of table '{table.Name}' to their declared types", $"ALTER TABLE {Q(table.Name)} {string.Join(", ", changes)}"));
        }
        if (json) steps.Add(("dropping the helper function", $"DROP FUNCTION {JsonHelper}(text)"));

        foreach (var table in metadata.Tables)
        {
            var notNull = table.Columns.Where((c, i) => declared[table.Name][i].Column?.NotNull ?? c.Nullable == false).Select(c => $"ALTER COLUMN {Q(c.Name)} SET NOT NULL").ToList();
            if (notNull.Count > 0) steps.Add(($"adding NOT NULL to table '{table.Name}'", $"ALTER TABLE {Q(table.Name)} {string.Join(", ", notNull)}"));
            for (int c = 0; c < table.Columns.Count; c++)
            {
                if (declared[table.Name][c].Column is not { } column) continue;
                string name = Q(column.Name), t = Q(table.Name);
                if (column.Default is { } value)
                    steps.Add(($"setting the default of '{table.Name}.{column.Name}'", $"ALTER TABLE {t} ALTER COLUMN {name} SET DEFAULT {value}"));
                if (column.Identity is null) continue;
                if (column.Identity == "serial")
                {
                    string sequence = Q(Shorten($"{table.Name}_{column.Name}_seq"));
                    steps.Add(($"creating the sequence of '{table.Name}.{column.Name}'", $"CREATE SEQUENCE {sequence} OWNED BY {t}.{name}"));
                    steps.Add(($"setting the default of '{table.Name}.{column.Name}'", $"ALTER TABLE {t} ALTER COLUMN {name} SET DEFAULT nextval('{sequence.Replace("'", "''", StringComparison.Ordinal)}'::regclass)"));
                }
                else
                    steps.Add(($"making '{table.Name}.{column.Name}' an identity column", $"ALTER TABLE {t} ALTER COLUMN {name} ADD GENERATED {column.Identity.ToUpperInvariant()} AS IDENTITY"));
                // The next generated value follows the rows written, as in the source.
                steps.Add(($"moving the sequence of '{table.Name}.{column.Name}' past the data",
                    $"SELECT setval(pg_get_serial_sequence({Literal(Q(table.Name))}, {Literal(column.Name)}), coalesce(max({name}), 0) + 1, false) FROM {t}"));
            }
        }

        foreach (var table in metadata.Tables.Where(t => t.Key.Count > 0))
        {
            string name = sql?.Find(table.Name)?.PrimaryKeyName is { } n ? $"CONSTRAINT {Q(n)} " : "";
            steps.Add(($"adding the primary key of table '{table.Name}' ({string.Join(", ", table.Key)})",
                $"ALTER TABLE {Q(table.Name)} ADD {name}PRIMARY KEY ({List(table.Key)})"));
        }
        foreach (var table in metadata.Tables)
            foreach (var unique in sql?.Find(table.Name)?.Uniques ?? [])
                steps.Add(($"adding UNIQUE constraint {unique.Name} to table '{table.Name}'", $"ALTER TABLE {Q(table.Name)} ADD CONSTRAINT {Q(unique.Name)} UNIQUE ({List(unique.Columns)})"));
        foreach (var table in metadata.Tables)
            foreach (var check in sql?.Find(table.Name)?.Checks ?? [])
                if (check.Columns.All(c => table.Find(c) is not null))
                    steps.Add(($"adding CHECK constraint {check.Name} to table '{table.Name}'", $"ALTER TABLE {Q(table.Name)} ADD CONSTRAINT {Q(check.Name)} {check.Expression}"));
        foreach (var r in metadata.Relationships)
        {
            string name = r.Name is { } n ? $"CONSTRAINT {Q(n)} " : "";
            steps.Add(($"adding foreign key {r.Name ?? ""} {r.ChildTable}({string.Join(", ", r.ChildColumns)}) -> {r.ParentTable}({string.Join(", ", r.ParentColumns)})",
                $"ALTER TABLE {Q(r.ChildTable)} ADD {name}FOREIGN KEY ({List(r.ChildColumns)}) REFERENCES {Q(r.ParentTable)} ({List(r.ParentColumns)})"));
        }
        return steps;
    }

    private static (PostgresType Type, SqlColumn? Column) Declared(TableMetadata table, ColumnMetadata column, SqlSchema? sql)
    {
        var declared = sql?.Find(table.Name)?.Find(column.Name);
        bool isEnum = declared is not null && sql!.Enums.Any(e => e.Name == declared.Type);
        var type = declared is null ? null : PostgresType.Parse(declared.Type, isEnum);
        return type is null
            ? (PostgresType.Parse(PostgresType.DeclaredFor(column))!, null)
            : (type, declared);
    }

    private static string Q(string identifier) => PostgresSession.Quote(identifier);

    private static string List(IEnumerable<string> columns) => string.Join(", ", columns.Select(Q));

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    // PostgreSQL cuts identifiers at 63 bytes.
    private static string Shorten(string name)
    {
        while (Encoding.UTF8.GetByteCount(name) > 63) name = name[..^1];
        return name.ToString(CultureInfo.InvariantCulture);
    }
}
