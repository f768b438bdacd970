namespace Doppel.Metadata;

/// <summary>
/// Declares a table a sequence table (GUIDE section 10): its rows are ordered steps of an entity (a player's
/// seasons, a station's hourly readings). Written in metadata JSON as a table's <c>"sequence"</c> object.
/// </summary>
/// <param name="Entity">
/// The columns that name a row's entity: the foreign-key columns of the relationship to the context table when
/// there is one (that relationship is then the table's context), else columns of its own. Empty: the whole table
/// is one long series.
/// </param>
/// <param name="Order">The column that orders the steps within an entity: a datetime or a number (an index).</param>
public sealed record SequenceMetadata(IReadOnlyList<string> Entity, string Order)
{
    /// <summary>
    /// The regular step of the order column, when the series lies on a grid: a number with a unit for datetimes
    /// (<c>1h</c>, <c>15min</c>, <c>1d</c>, <c>7d</c>, <c>1mo</c>, <c>1y</c>, <c>30s</c>) or a plain number for a numeric order
    /// (<c>1</c>); null for irregular events, whose gaps are modelled.
    /// </summary>
    public string? Interval { get; init; }

    /// <summary>
    /// Declared state machines, by categorical column: the only steps generated (a value never listed as a
    /// <see cref="SequenceTransition.From"/> may be followed by any). Columns not declared get the transitions learned
    /// from the data (those seen at least k = 5 times).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SequenceTransition>> Transitions { get; init; } = new Dictionary<string, IReadOnlyList<SequenceTransition>>();

    /// <summary>True when every row belongs to one series (no entity columns).</summary>
    public bool SingleSeries => Entity.Count == 0;
}
