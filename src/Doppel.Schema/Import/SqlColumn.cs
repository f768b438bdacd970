namespace Doppel.Schema.Import;

/// <summary>A column as DDL declares it, before a generator is guessed.</summary>
internal sealed class SqlColumn
{
    public required string Name { get; init; }
    /// <summary>The type as written, lower case (<c>character varying(40)</c>, <c>numeric(10,2)</c>, an enum's name).</summary>
    public required string Type { get; init; }
    public bool NotNull { get; set; }
    public string? Default { get; set; }
    public bool Identity { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
    /// <summary>Values an IN-list CHECK allows.</summary>
    public List<string>? Allowed { get; set; }
}

/// <summary>A table as DDL declares it.</summary>
internal sealed class SqlTable
{
    public required string Name { get; init; }
    public int Line { get; init; }
    public List<SqlColumn> Columns { get; } = [];
    public List<string> Key { get; set; } = [];
    public List<List<string>> Unique { get; } = [];
    public List<string> Checks { get; } = [];
    /// <summary>Every CHECK as declared (SQL), for database sinks.</summary>
    public List<Spec.SqlCheckSpec> SqlChecks { get; } = [];
    public List<(string? Name, List<string> Columns, string Parent, List<string> ParentColumns)> ForeignKeys { get; } = [];
    public SqlColumn? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);
}
