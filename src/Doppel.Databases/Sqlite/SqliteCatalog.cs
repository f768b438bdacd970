using System.Text;
using Doppel.Metadata;
using Microsoft.Data.Sqlite;

namespace Doppel.Databases.Sqlite;

/// <summary>A SQLite table as declared: its SQL, primary key columns in key order, and foreign keys.</summary>
internal sealed record SqliteTable(SqlTable Sql, IReadOnlyList<string> Key, IReadOnlyList<CatalogForeignKey> ForeignKeys);

/// <summary>
/// Reads a SQLite file's declarations: <c>PRAGMA table_info</c> (types, NOT NULL, defaults, primary key),
/// <c>PRAGMA foreign_key_list</c> (composite and self-referencing keys), UNIQUE constraints from
/// <c>PRAGMA index_list</c>, and CHECK clauses from the table's CREATE statement.
/// </summary>
internal static class SqliteCatalog
{
    public static List<SqliteTable> Read(SqliteConnection db)
    {
        var tables = new List<(string Name, string Sql)>();
        using (var command = new SqliteCommand("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", db))
        using (var reader = command.ExecuteReader())
            while (reader.Read()) tables.Add((reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1)));

        var result = new List<SqliteTable>();
        foreach (var (name, create) in tables)
        {
            var columns = new List<SqlColumn>();
            var key = new SortedList<long, string>();
            foreach (var row in Pragma(db, "table_info", name))
            {
                string column = (string)row["name"]!;
                string type = row["type"] as string ?? "";
                bool pk = (long)row["pk"]! > 0;
                columns.Add(new SqlColumn(column, type, (long)row["notnull"]! != 0) { Default = row["dflt_value"] as string });
                if (pk) key.Add((long)row["pk"]!, column);
            }

            var foreignKeys = new List<CatalogForeignKey>();
            foreach (var group in Pragma(db, "foreign_key_list", name).GroupBy(r => (long)r["id"]!).OrderBy(g => g.Key))
            {
                var parts = group.OrderBy(r => (long)r["seq"]!).ToList();
                string parent = (string)parts[0]["table"]!;
                var childColumns = parts.Select(p => (string)p["from"]!).ToList();
                // "REFERENCES parent" without columns means the parent's primary key.
                var parentColumns = parts.All(p => p["to"] is string)
                    ? parts.Select(p => (string)p["to"]!).ToList()
                    : Pragma(db, "table_info", parent).Where(r => (long)r["pk"]! > 0).OrderBy(r => (long)r["pk"]!).Select(r => (string)r["name"]!).ToList();
                foreignKeys.Add(new CatalogForeignKey($"{name}_{string.Join("_", childColumns)}_fkey", name, childColumns, parent, parentColumns));
            }

            var uniques = new List<SqlUnique>();
            foreach (var index in Pragma(db, "index_list", name).Where(r => (long)r["unique"]! != 0 && (string)r["origin"]! == "u"))
            {
                var cols = Pragma(db, "index_info", (string)index["name"]!).OrderBy(r => (long)r["seqno"]!).Select(r => (string)r["name"]!).ToList();
                uniques.Add(new SqlUnique($"{name}_{string.Join("_", cols)}_key", cols));
            }

            var checks = Checks(create).Select((c, i) => new SqlCheck(c.Name ?? $"{name}_check{i + 1}", $"CHECK ({c.Expression})",
                [.. columns.Select(x => x.Name).Where(x => Mentions(c.Expression, x))])).ToList();
            result.Add(new SqliteTable(new SqlTable(name, columns) { Uniques = uniques, Checks = checks }, [.. key.Values], foreignKeys));
        }
        return result;
    }

    private static List<Dictionary<string, object?>> Pragma(SqliteConnection db, string pragma, string argument)
    {
        using var command = new SqliteCommand($"SELECT * FROM pragma_{pragma}($name)", db);
        command.Parameters.AddWithValue("$name", argument);
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (int i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The CHECK clauses of a CREATE TABLE statement, with their constraint names where given.</summary>
    internal static List<(string? Name, string Expression)> Checks(string create)
    {
        var found = new List<(string?, string)>();
        var words = new List<string>();
        int i = 0;
        while (i < create.Length)
        {
            char ch = create[i];
            if (ch is '\'' or '"' or '`' or '[') { i = SkipQuoted(create, i); words.Add(""); continue; }
            if (char.IsLetter(ch) || ch == '_')
            {
                int start = i;
                while (i < create.Length && (char.IsLetterOrDigit(create[i]) || create[i] == '_')) i++;
                words.Add(create[start..i]);
                continue;
            }
            if (ch == '(' && words.Count > 0 && words[^1].Equals("CHECK", StringComparison.OrdinalIgnoreCase))
            {
                int end = Matching(create, i);
                if (end < 0) break;
                string? name = words.Count >= 3 && words[^3].Equals("CONSTRAINT", StringComparison.OrdinalIgnoreCase) ? words[^2] : null;
                found.Add((name, create[(i + 1)..end].Trim()));
                i = end + 1;
                words.Add("");
                continue;
            }
            if (!char.IsWhiteSpace(ch)) words.Add(ch.ToString());
            i++;
        }
        return found;
    }

    private static int SkipQuoted(string text, int i)
    {
        char close = text[i] == '[' ? ']' : text[i];
        for (int j = i + 1; j < text.Length; j++)
        {
            if (text[j] != close) continue;
            if (close != ']' && j + 1 < text.Length && text[j + 1] == close) { j++; continue; }
            return j + 1;
        }
        return text.Length;
    }

    private static int Matching(string text, int open)
    {
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            if (text[i] is '\'' or '"' or '`' or '[') { i = SkipQuoted(text, i) - 1; continue; }
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return i;
        }
        return -1;
    }

    private static bool Mentions(string expression, string column)
    {
        var plain = new StringBuilder();
        foreach (char c in expression) plain.Append(c is '"' or '`' or '[' or ']' ? ' ' : c);
        string text = " " + plain + " ";
        int at = 0;
        while ((at = text.IndexOf(column, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            bool before = !char.IsLetterOrDigit(text[at - 1]) && text[at - 1] != '_';
            bool after = at + column.Length >= text.Length || (!char.IsLetterOrDigit(text[at + column.Length]) && text[at + column.Length] != '_');
            if (before && after) return true;
            at += column.Length;
        }
        return false;
    }
}
