using Doppel.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Doppel.Databases.Postgres;

/// <summary>A table as the catalog declares it, with the types Doppel reads its columns as.</summary>
internal sealed record CatalogTable(SqlTable Sql, IReadOnlyList<PostgresType> Types, IReadOnlyList<string> Key);


/// <summary>
/// One schema's tables, columns, keys and constraints read from <c>pg_catalog</c>. Columns of types Doppel cannot
/// synthesize stop the read with a list of them, or are left out (with everything that reads them) when asked to.
/// </summary>
internal sealed record PostgresCatalog(string Schema, IReadOnlyList<CatalogTable> Tables, IReadOnlyList<CatalogForeignKey> ForeignKeys, IReadOnlyList<SqlEnum> Enums)
{
    /// <summary>The table named <paramref name="name"/>, or null.</summary>
    public CatalogTable? Find(string name) => Tables.FirstOrDefault(t => t.Sql.Name == name);

    /// <summary>Reads schema <paramref name="schema"/>; the connection must be open.</summary>
    public static PostgresCatalog Read(NpgsqlConnection connection, string schema, string user, bool skipUnsupported, ICollection<string>? warnings)
    {
        using (var check = new NpgsqlCommand("SELECT has_schema_privilege(n.oid, 'USAGE') FROM pg_namespace n WHERE n.nspname = $1", connection))
        {
            check.Parameters.Add(new NpgsqlParameter { Value = schema });
            switch (check.ExecuteScalar())
            {
                case null: throw new DoppelException(ErrorKind.IO, $"The database has no schema '{schema}'.");
                case false:
                    throw new DoppelException(ErrorKind.IO,
                        $"Permission denied: user '{user}' may not read schema '{schema}' (it needs USAGE on the schema and SELECT on its tables; ask the owner to GRANT them).");
            }
        }

        var tables = new List<(uint Oid, string Name)>();
        using (var command = new NpgsqlCommand(
            """
            SELECT c.oid, c.relname, has_table_privilege(c.oid, 'SELECT')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
            ORDER BY c.relname
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = schema });
            using var reader = command.ExecuteReader();
            var denied = new List<string>();
            while (reader.Read())
            {
                tables.Add((reader.GetFieldValue<uint>(0), reader.GetString(1)));
                if (!reader.GetBoolean(2)) denied.Add(reader.GetString(1));
            }
            if (denied.Count > 0)
                throw new DoppelException(ErrorKind.IO,
                    $"Permission denied: user '{user}' may not read table(s) {string.Join(", ", denied.Select(d => $"'{schema}.{d}'"))} (it needs SELECT; ask the owner to GRANT it).");
        }
        var oids = tables.Select(t => t.Oid).ToArray();
        var names = tables.ToDictionary(t => t.Oid, t => t.Name);

        var columns = new Dictionary<uint, List<(short Number, SqlColumn Column, PostgresType? Type)>>();
        var enumNames = new HashSet<uint>();
        using (var command = new NpgsqlCommand(
            """
            SELECT a.attrelid, a.attnum, a.attname,
                   format_type(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END,
                               CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END),
                   a.attnotnull OR (t.typtype = 'd' AND t.typnotnull), pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
                   CASE WHEN t.typtype = 'd' THEN bt.typtype ELSE t.typtype END,
                   CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END
            FROM pg_attribute a
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = oids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Oid });
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                uint table = reader.GetFieldValue<uint>(0);
                string declared = reader.GetString(3);
                string? def = reader.IsDBNull(5) ? null : reader.GetString(5);
                char identity = reader.GetChar(6), generated = reader.GetChar(7), typtype = reader.GetChar(8);
                bool isEnum = typtype == 'e';
                if (isEnum) enumNames.Add(reader.GetFieldValue<uint>(9));
                string? identityKind = identity switch { 'a' => "always", 'd' => "by default", _ => null };
                if (identityKind is null && def is not null && def.StartsWith("nextval(", StringComparison.Ordinal)) { identityKind = "serial"; def = null; }
                var type = generated != '\0' ? null : PostgresType.Parse(declared, isEnum);
                // Real binary payloads (photos, documents) are not read into a model: bytea is unsupported as a source.
                if (type?.Wire == PgWire.Bytea) type = null;
                var column = new SqlColumn(reader.GetString(2), declared, reader.GetBoolean(4)) { Default = def, Identity = identityKind };
                if (!columns.TryGetValue(table, out var list)) columns[table] = list = [];
                list.Add((reader.GetInt16(1), column, type));
            }
        }

        var enums = new List<SqlEnum>();
        if (enumNames.Count > 0)
        {
            using var command = new NpgsqlCommand(
                "SELECT format_type(e.enumtypid, NULL), array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = ANY($1) GROUP BY e.enumtypid ORDER BY 1",
                connection);
            command.Parameters.Add(new NpgsqlParameter { Value = enumNames.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Oid });
            using var reader = command.ExecuteReader();
            while (reader.Read()) enums.Add(new SqlEnum(reader.GetString(0), reader.GetFieldValue<string[]>(1)));
        }

        // Unsupported columns: fail with the whole list, or leave them out with everything that reads them.
        var unsupported = new HashSet<(uint, string)>();
        foreach (var (oid, list) in columns)
            foreach (var c in list.Where(c => c.Type is null))
                unsupported.Add((oid, c.Column.Name));
        if (unsupported.Count > 0)
        {
            string listed = string.Join(", ", unsupported.Select(u =>
                $"{names[u.Item1]}.{u.Item2} ({columns[u.Item1].First(c => c.Column.Name == u.Item2).Column.Type})"));
            if (!skipUnsupported)
                throw new DoppelException(ErrorKind.Data,
                    $"Doppel cannot synthesize column(s) {listed} of schema '{schema}' (it handles {PostgresType.Supported}; generated columns are computed, not stored). Pass --skip-unsupported to leave them out.");
            warnings?.Add($"Left out column(s) {listed}: their types cannot be synthesized.");
        }

        var keys = new Dictionary<uint, (string Name, List<string> Columns)>();
        var uniques = new Dictionary<uint, List<SqlUnique>>();
        var checks = new Dictionary<uint, List<SqlCheck>>();
        var foreignKeys = new List<CatalogForeignKey>();
        using (var command = new NpgsqlCommand(
            """
            SELECT con.conrelid, con.conname, con.contype, con.conkey, con.confrelid, con.confkey, pg_get_constraintdef(con.oid)
            FROM pg_constraint con
            WHERE con.conrelid = ANY($1) AND con.contype IN ('p', 'u', 'f', 'c')
            ORDER BY con.conrelid, con.conname
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = oids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Oid });
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                uint table = reader.GetFieldValue<uint>(0);
                string name = reader.GetString(1);
                char kind = reader.GetChar(2);
                var conkey = reader.IsDBNull(3) ? [] : reader.GetFieldValue<short[]>(3);
                var cols = conkey.Select(k => columns[table].First(c => c.Number == k).Column.Name).ToList();
                bool skipped = cols.Any(c => unsupported.Contains((table, c)));
                string where = $"{names[table]}";
                switch (kind)
                {
                    case 'p':
                        if (skipped) throw new DoppelException(ErrorKind.Data, $"The primary key of {where} uses a column Doppel cannot synthesize.");
                        keys[table] = (name, cols);
                        break;
                    case 'u':
                        if (skipped) { warnings?.Add($"Left out UNIQUE constraint {name} of {where}: it reads a left-out column."); break; }
                        (uniques.TryGetValue(table, out var u) ? u : uniques[table] = []).Add(new SqlUnique(name, cols));
                        break;
                    case 'c':
                        if (skipped) { warnings?.Add($"Left out CHECK constraint {name} of {where}: it reads a left-out column."); break; }
                        (checks.TryGetValue(table, out var ch) ? ch : checks[table] = []).Add(new SqlCheck(name, reader.GetString(6), cols));
                        break;
                    case 'f':
                        uint parent = reader.GetFieldValue<uint>(4);
                        if (!names.TryGetValue(parent, out string? parentName))
                        {
                            warnings?.Add($"Left out foreign key {name} of {where}: it points at a table outside schema '{schema}'.");
                            break;
                        }
                        var parentCols = reader.GetFieldValue<short[]>(5).Select(k => columns[parent].First(c => c.Number == k).Column.Name).ToList();
                        if (skipped || parentCols.Any(c => unsupported.Contains((parent, c))))
                        {
                            warnings?.Add($"Left out foreign key {name} of {where}: it reads a left-out column.");
                            break;
                        }
                        foreignKeys.Add(new CatalogForeignKey(name, where, cols, parentName, parentCols));
                        break;
                }
            }
        }

        var result = new List<CatalogTable>();
        foreach (var (oid, name) in tables)
        {
            var kept = (columns.TryGetValue(oid, out var list) ? list : []).Where(c => c.Type is not null).ToList();
            var key = keys.TryGetValue(oid, out var k) ? k : (Name: (string?)null, Columns: new List<string>());
            var sql = new SqlTable(name, [.. kept.Select(c => c.Column)])
            {
                PrimaryKeyName = key.Name,
                Uniques = uniques.TryGetValue(oid, out var u) ? u : [],
                Checks = checks.TryGetValue(oid, out var ch) ? ch : [],
            };
            result.Add(new CatalogTable(sql, [.. kept.Select(c => c.Type!)], key.Columns));
        }
        return new PostgresCatalog(schema, result, foreignKeys, enums);
    }
}
