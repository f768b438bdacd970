namespace Doppel.Metadata;

/// <summary>One table: its columns in order and its primary key.</summary>
/// <param name="Name">The table name.</param>
/// <param name="Columns">The columns, in data order.</param>
/// <param name="PrimaryKey">The primary key column, if any.</param>
public sealed record TableMetadata(string Name, IReadOnlyList<ColumnMetadata> Columns, string? PrimaryKey = null)
{
    /// <summary>
    /// Rules every synthetic row obeys (docs/constraints.md), e.g. <c>pickup &lt; dropoff</c> or <c>unique(id)</c>,
    /// as written; a model fitted with them enforces them whenever it samples.
    /// </summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public ColumnMetadata? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);
}

/// <summary>A foreign key: rows of <see cref="ChildTable"/> point at <see cref="ParentTable"/> through these columns.</summary>
/// <param name="ParentTable">The referenced table.</param>
/// <param name="ParentKey">The referenced (primary key) column.</param>
/// <param name="ChildTable">The referencing table.</param>
/// <param name="ChildKey">The referencing (foreign key) column.</param>
public sealed record Relationship(string ParentTable, string ParentKey, string ChildTable, string ChildKey);

/// <summary>
/// Metadata for a dataset: one or more tables and the relationships between them. Single-table synthesis uses
/// the one-table case; the shape is ready for relational data.
/// </summary>
/// <param name="Tables">The tables.</param>
/// <param name="Relationships">Foreign keys between the tables.</param>
public sealed record DatasetMetadata(IReadOnlyList<TableMetadata> Tables, IReadOnlyList<Relationship> Relationships)
{
    /// <summary>The newest version of the JSON format this code reads and writes.</summary>
    /// <remarks>Version 2 adds a table's <c>constraints</c>; metadata without constraints is still written as version 1.</remarks>
    public const int FormatVersion = 2;

    /// <summary>Metadata for a single table.</summary>
    public static DatasetMetadata Single(TableMetadata table) => new([table], []);

    /// <summary>The only table; an error when there are several.</summary>
    public TableMetadata SingleTable => Tables.Count == 1
        ? Tables[0]
        : throw new DoppelException(ErrorKind.Metadata, $"The metadata describes {Tables.Count} tables; single-table synthesis needs exactly one.");
}
