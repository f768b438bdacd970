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

    /// <summary>
    /// How many entities sequence tables get: the rows of a sequence table's context table (a root), or the series of
    /// a sequence table without one; null follows <see cref="Scale"/> and <see cref="Rows"/>.
    /// </summary>
    public int? Entities { get; init; }

    /// <summary>Steps added to every generated sequence past the length its cardinality model draws; default 0.</summary>
    public int Extend { get; init; }

    /// <summary>
    /// Conditions on root tables, by name (e.g. <c>players</c> → <c>bats = 'L'</c>, in the <c>--where</c> language):
    /// every generated row of the table meets its condition, drawn from the model given it where the model can, so
    /// children (a sequence's steps included) follow the rows as conditioned.
    /// </summary>
    public IReadOnlyDictionary<string, string> Where { get; init; } = new Dictionary<string, string>();

    /// <summary>Worker threads; null uses all cores. Output is identical whatever the count.</summary>
    public int? Threads { get; init; }
}
