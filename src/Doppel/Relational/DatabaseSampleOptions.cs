namespace Doppel.Relational;

/// <summary>Options of <see cref="DatabaseModel.Sample(DatabaseSampleOptions)"/>. Immutable; change with <c>with</c>.</summary>
public sealed record DatabaseSampleOptions
{
    /// <summary>The run's seed; every table's seed is derived from it.</summary>
    public ulong Seed { get; init; }

    /// <summary>Multiplies the rows of every root table (children follow their cardinality model); default 1.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Exact row counts of root tables, by name (overrides <see cref="Scale"/> for them).</summary>
    public IReadOnlyDictionary<string, long> Rows { get; init; } = new Dictionary<string, long>();

    /// <summary>Worker threads; null uses all cores. Output is identical whatever the count.</summary>
    public int? Threads { get; init; }
}
