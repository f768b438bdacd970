namespace Doppel.Databases.Tests;

/// <summary>What the catalog says about a schema, with the schema's name taken out so two schemas compare.</summary>
internal static class PostgresCatalogSnapshot
{
    /// <summary>Every PK, FK, UNIQUE and CHECK constraint: table, kind, name and definition.</summary>
    public static List<string> Constraints(TestPostgres pg, string schema) =>
        [.. pg.Rows($"""
            SELECT c.relname, con.contype, con.conname, replace(pg_get_constraintdef(con.oid), '{schema}.', '')
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = '{schema}' AND con.contype IN ('p', 'f', 'u', 'c')
            ORDER BY 1, 2, 3
            """).Select(r => string.Join(" | ", r))];

    /// <summary>Every column: table, name, declared type, NOT NULL, identity.</summary>
    public static List<string> Columns(TestPostgres pg, string schema) =>
        [.. pg.Rows($"""
            SELECT c.relname, a.attname, replace(format_type(a.atttypid, a.atttypmod), '{schema}.', ''), a.attnotnull, CASE a.attidentity WHEN '' THEN '-' ELSE a.attidentity::text END
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = '{schema}' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY 1, a.attnum
            """).Select(r => string.Join(" | ", r))];

    /// <summary>Schemas whose name starts with <paramref name="prefix"/>.</summary>
    public static List<string> Schemas(TestPostgres pg, string prefix) =>
        [.. pg.Rows($"SELECT nspname FROM pg_namespace WHERE nspname LIKE '{prefix}%' ORDER BY 1").Select(r => r[0])];
}
