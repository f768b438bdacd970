using Doppel.Metadata;
using Doppel.Schema.Spec;

namespace Doppel.Schema.Import;

/// <summary>
/// A starting spec from a live database's catalog (<c>doppel spec --from-db</c>): the declarations a PostgreSQL or
/// SQLite source reads (<see cref="DatasetMetadata.Sql"/>: types, lengths, NOT NULL, defaults, identities, UNIQUE,
/// CHECK, enums; keys and foreign keys) go through the same reading as DDL (<see cref="PostgresDdl"/>: range checks
/// become bounds, IN-lists categories) and the same guesses (<see cref="GeneratorGuess"/>), every guess marked.
/// No row is read.
/// </summary>
public static class SpecFromCatalog
{
    /// <summary>The spec of every table of <paramref name="metadata"/>, <paramref name="defaultRows"/> rows each (junction tables: their fan-out's sum).</summary>
    /// <param name="metadata">A catalog's metadata, with its SQL declarations.</param>
    /// <param name="defaultRows">Rows per table.</param>
    /// <param name="source">The database, for messages (never a password).</param>
    public static SchemaSpec Spec(DatasetMetadata metadata, long defaultRows, string source)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var sql = metadata.Sql ?? throw new DoppelException(ErrorKind.Metadata,
            $"{source} has no catalog of declared types; --from-db reads PostgreSQL and SQLite databases (for a folder of files use --from-data).");
        var notes = new List<string>();
        var enums = sql.Enums.ToDictionary(e => e.Name, e => e.Labels.ToList(), StringComparer.Ordinal);
        var tables = new Dictionary<string, SqlTable>(StringComparer.Ordinal);
        var order = new List<SqlTable>();
        foreach (var table in metadata.Tables)
        {
            var declared = sql.Find(table.Name);
            var import = new SqlTable { Name = table.Name };
            foreach (var column in table.Columns)
            {
                var d = declared?.Find(column.Name);
                string type = (d?.Type ?? "text").ToLowerInvariant();
                bool serial = d?.Default?.StartsWith("nextval(", StringComparison.OrdinalIgnoreCase) == true;
                import.Columns.Add(new SqlColumn
                {
                    Name = column.Name, Type = type, NotNull = d?.NotNull ?? column.Nullable == false,
                    Default = serial ? null : d?.Default,
                    Identity = d?.Identity is not null || serial,
                });
            }
            import.Key = [.. table.Key];
            foreach (var unique in declared?.Uniques ?? []) import.Unique.Add([.. unique.Columns]);
            foreach (var check in declared?.Checks ?? [])
            {
                string text = check.Expression.Trim();
                int open = text.IndexOf('(');
                string condition = text.StartsWith("CHECK", StringComparison.OrdinalIgnoreCase) && open > 0 ? SqlText.Parenthesized(text, open).Inner : text;
                PostgresDdl.Check(import, check.Name, condition, notes, 0);
            }
            foreach (var r in metadata.Relationships.Where(r => r.ChildTable == table.Name))
                import.ForeignKeys.Add((r.Name, [.. r.ChildColumns], r.ParentTable, [.. r.ParentColumns]));
            tables[import.Name] = import;
            order.Add(import);
        }
        if (order.Count == 0) throw new DoppelException(ErrorKind.Metadata, $"{source} has no tables.");
        return new SchemaSpec { Tables = [.. order.Select(t => GeneratorGuess.Table(t, tables, enums, defaultRows, notes))], Notes = notes };
    }
}
