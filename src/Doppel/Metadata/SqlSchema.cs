namespace Doppel.Metadata;

/// <summary>
/// The SQL side of a dataset read from a database catalog: per table the column types as declared, NOT NULL,
/// defaults and identity, UNIQUE sets, CHECK expressions and constraint names, so a database sink can recreate the
/// schema faithfully. Keys and foreign keys live in <see cref="TableMetadata.PrimaryKey"/> and
/// <see cref="DatasetMetadata.Relationships"/>; this holds what the semantic metadata does not.
/// </summary>
/// <param name="Dialect">Where the declarations come from: <c>postgresql</c> or <c>sqlite</c>; expressions are in its syntax.</param>
/// <param name="Tables">The tables, by name.</param>
public sealed record SqlSchema(string Dialect, IReadOnlyList<SqlTable> Tables)
{
    /// <summary>The PostgreSQL dialect name.</summary>
    public const string PostgreSql = "postgresql";

    /// <summary>The SQLite dialect name.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The schema (namespace) the tables were read from, when the database has schemas.</summary>
    public string? Schema { get; init; }

    /// <summary>Enum types the columns use, with their labels in order.</summary>
    public IReadOnlyList<SqlEnum> Enums { get; init; } = [];

    /// <summary>The table named <paramref name="name"/>, or null.</summary>
    public SqlTable? Find(string name) => Tables.FirstOrDefault(t => t.Name == name);
}

/// <summary>One table's SQL declarations.</summary>
/// <param name="Name">The table name.</param>
/// <param name="Columns">The columns in order.</param>
public sealed record SqlTable(string Name, IReadOnlyList<SqlColumn> Columns)
{
    /// <summary>The primary key constraint's name, if it has one.</summary>
    public string? PrimaryKeyName { get; init; }

    /// <summary>UNIQUE constraints (not the primary key).</summary>
    public IReadOnlyList<SqlUnique> Uniques { get; init; } = [];

    /// <summary>CHECK constraints.</summary>
    public IReadOnlyList<SqlCheck> Checks { get; init; } = [];

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public SqlColumn? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);
}

/// <summary>One column as declared.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The declared type, e.g. <c>character varying(40)</c>, <c>numeric(10,2)</c> or an enum's name.</param>
/// <param name="NotNull">Whether the column is declared NOT NULL.</param>
public sealed record SqlColumn(string Name, string Type, bool NotNull)
{
    /// <summary>The default expression as SQL text (not for identity or serial columns).</summary>
    public string? Default { get; init; }

    /// <summary><c>always</c> or <c>by default</c> for identity columns; <c>serial</c> for a sequence default.</summary>
    public string? Identity { get; init; }
}

/// <summary>A UNIQUE constraint.</summary>
/// <param name="Name">The constraint name.</param>
/// <param name="Columns">Its columns, in order.</param>
public sealed record SqlUnique(string Name, IReadOnlyList<string> Columns);

/// <summary>A CHECK constraint.</summary>
/// <param name="Name">The constraint name.</param>
/// <param name="Expression">The condition as SQL text, e.g. <c>CHECK ((unit_price &gt;= (0)::double precision))</c>.</param>
/// <param name="Columns">The columns it reads (from the catalog), so a skipped column can drop it.</param>
public sealed record SqlCheck(string Name, string Expression, IReadOnlyList<string> Columns);

/// <summary>An enum type.</summary>
/// <param name="Name">The type name.</param>
/// <param name="Labels">The labels in their declared order.</param>
public sealed record SqlEnum(string Name, IReadOnlyList<string> Labels);
