namespace Doppel.Metadata;

/// <summary>One table: its columns in order and its primary key.</summary>
/// <param name="Name">The table name.</param>
/// <param name="Columns">The columns, in data order.</param>
/// <param name="PrimaryKey">The primary key column when the key is a single column, else null.</param>
public sealed record TableMetadata(string Name, IReadOnlyList<ColumnMetadata> Columns, string? PrimaryKey = null)
{
    // Only a key of several columns is stored here; a single-column key lives in PrimaryKey, so the two never disagree.
    private readonly IReadOnlyList<string>? _compositeKey;

    /// <summary>
    /// The primary key's columns in order: one or several, empty when the table has none. Setting one column also
    /// sets <see cref="PrimaryKey"/>; setting several clears it (no single column is unique then).
    /// </summary>
    public IReadOnlyList<string> Key
    {
        get => _compositeKey ?? (PrimaryKey is null ? [] : [PrimaryKey]);
        init
        {
            _compositeKey = value.Count > 1 ? [.. value] : null;
            PrimaryKey = value.Count == 1 ? value[0] : null;
        }
    }

    /// <summary>
    /// Rules every synthetic row obeys (docs/constraints.md), e.g. <c>pickup &lt; dropoff</c> or <c>unique(id)</c>,
    /// as written; a model fitted with them enforces them whenever it samples.
    /// </summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary>
    /// A reference table of a database: public lookup data (regions, shippers, categories) reproduced as it is, its
    /// rows stored in the database model and never scaled. The user's opt-in for tables too small to model.
    /// </summary>
    public bool Reference { get; init; }

    /// <summary>Set when the table is a sequence table (ordered steps per entity, GUIDE section 10); null otherwise.</summary>
    public SequenceMetadata? Sequence { get; init; }

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public ColumnMetadata? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);
}

/// <summary>A foreign key: rows of <see cref="ChildTable"/> point at <see cref="ParentTable"/> through these columns.</summary>
/// <param name="ParentTable">The referenced table.</param>
/// <param name="ParentKey">The referenced (primary key) column; the first of <see cref="ParentColumns"/>.</param>
/// <param name="ChildTable">The referencing table.</param>
/// <param name="ChildKey">The referencing (foreign key) column; the first of <see cref="ChildColumns"/>.</param>
public sealed record Relationship(string ParentTable, string ParentKey, string ChildTable, string ChildKey)
{
    private readonly IReadOnlyList<string>? _parentColumns;
    private readonly IReadOnlyList<string>? _childColumns;

    /// <summary>A foreign key of one or several columns: <paramref name="childColumns"/>[i] refers to <paramref name="parentColumns"/>[i].</summary>
    public Relationship(string parentTable, IReadOnlyList<string> parentColumns, string childTable, IReadOnlyList<string> childColumns)
        : this(parentTable, First(parentColumns), childTable, First(childColumns))
    {
        if (parentColumns.Count != childColumns.Count)
            throw new DoppelException(ErrorKind.Metadata, $"The foreign key {childTable}({string.Join(", ", childColumns)}) has {childColumns.Count} columns but refers to {parentColumns.Count} of {parentTable}({string.Join(", ", parentColumns)}).");
        _parentColumns = parentColumns.Count > 1 ? [.. parentColumns] : null;
        _childColumns = childColumns.Count > 1 ? [.. childColumns] : null;
    }

    /// <summary>The referenced key columns of <see cref="ParentTable"/>, in key order.</summary>
    public IReadOnlyList<string> ParentColumns => _parentColumns ?? [ParentKey];

    /// <summary>The referencing columns of <see cref="ChildTable"/>, matching <see cref="ParentColumns"/> one to one.</summary>
    public IReadOnlyList<string> ChildColumns => _childColumns ?? [ChildKey];

    /// <summary>The constraint's name (from a catalog or the metadata), or null.</summary>
    public string? Name { get; init; }

    /// <summary>True when the foreign key has several columns.</summary>
    public bool IsComposite => _childColumns is not null;

    /// <summary>Reads as <c>Child(col) -> Parent(key)</c>, for messages.</summary>
    public string Describe() => $"{ChildTable}({string.Join(", ", ChildColumns)}) -> {ParentTable}({string.Join(", ", ParentColumns)})";

    private static string First(IReadOnlyList<string> columns) => columns.Count > 0
        ? columns[0]
        : throw new DoppelException(ErrorKind.Metadata, "A foreign key needs at least one column.");
}

/// <summary>
/// Metadata for a dataset: one or more tables and the relationships between them. Single-table synthesis uses
/// the one-table case; the shape is ready for relational data.
/// </summary>
/// <param name="Tables">The tables.</param>
/// <param name="Relationships">Foreign keys between the tables.</param>
public sealed record DatasetMetadata(IReadOnlyList<TableMetadata> Tables, IReadOnlyList<Relationship> Relationships)
{
    /// <summary>The newest version of the JSON format this code reads and writes.</summary>
    /// <remarks>
    /// Version 2 adds a table's <c>constraints</c>; version 3 keys of several columns (<c>key</c>), foreign keys of
    /// several columns (<c>parentColumns</c>, <c>childColumns</c>) and relationship names; version 4 sequence tables
    /// (<c>sequence</c>: entity columns, order column, interval). Files are written in the
    /// lowest version that holds them, so older builds still read what they can.
    /// </remarks>
    public const int FormatVersion = 4;

    /// <summary>The table called <paramref name="name"/>, or null.</summary>
    public TableMetadata? FindTable(string name) => Tables.FirstOrDefault(t => t.Name == name);

    /// <summary>Metadata for a single table.</summary>
    public static DatasetMetadata Single(TableMetadata table) => new([table], []);

    /// <summary>The only table; an error when there are several.</summary>
    public TableMetadata SingleTable => Tables.Count == 1
        ? Tables[0]
        : throw new DoppelException(ErrorKind.Metadata, $"The metadata describes {Tables.Count} tables; single-table synthesis needs exactly one.");

    /// <summary>
    /// The SQL declarations of a dataset read from a database (column types, NOT NULL, defaults, UNIQUE, CHECK,
    /// constraint names), so a database sink can recreate them; null for files. Written in metadata JSON as "sql".
    /// </summary>
    public SqlSchema? Sql { get; init; }
}
