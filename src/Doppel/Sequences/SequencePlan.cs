using System.Text.Json.Serialization;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Columns;

namespace Doppel.Sequences;

/// <summary>
/// What the database model knows about a sequence table (GUIDE section 10): a row model of an entity's first step
/// given its context, a row model of every later step given the context and the two steps before it, how the order
/// column advances, and the rules that hold across steps. Statistics only.
/// </summary>
internal sealed class SequencePlan
{
    /// <summary>The order column.</summary>
    public required string Order { get; init; }

    /// <summary>Whether the order column is a datetime (its values are ticks).</summary>
    public bool OrderIsDate { get; init; }

    /// <summary>The table's columns the step models draw (not keys, foreign keys, entity columns or the order).</summary>
    public required string[] Columns { get; init; }

    /// <summary>Columns the step models read as given context, by their names there (<c>@parent.COL</c>, or the entity column).</summary>
    public required string[] Context { get; init; }

    /// <summary>The entity column of a table without a context table (a station), or null.</summary>
    public string? EntityColumn { get; init; }

    /// <summary>A categorical entity column's values, each given to one generated series in turn (most steps first).</summary>
    public string[] EntityValues { get; init; } = [];

    /// <summary>An id-like entity column's model (fresh keys, one per series); null otherwise.</summary>
    public IdColumnModel? EntityKeys { get; init; }

    /// <summary>Quantile knots of the real sequence lengths, for a table without a context table (whose parent counts them otherwise).</summary>
    public double[] LengthKnots { get; init; } = [];

    /// <summary>Real entities in training.</summary>
    public int TrainingEntities { get; init; }

    /// <summary>The first step's row model (a <c>.doppel</c> file's bytes).</summary>
    public required byte[] First { get; init; }

    /// <summary>The later steps' row model; null when no entity has two steps.</summary>
    public byte[]? Next { get; init; }

    /// <summary>The regular step of the order (a number, or ticks of a fixed-length interval); null when gaps are modelled.</summary>
    public double? Grid { get; init; }

    /// <summary>The regular step in calendar months (<c>1mo</c> = 1, <c>1y</c> = 12); 0 otherwise.</summary>
    public int GridMonths { get; init; }

    /// <summary>Whether steps of one entity may share an order value (the real data has ties); otherwise the order strictly increases.</summary>
    public bool Ties { get; init; }

    /// <summary>The smallest positive real gap: a drawn gap that would break the order is replaced by it.</summary>
    public double MinGap { get; init; } = 1;

    /// <summary>Calendar features of a datetime order that vary in the data, given to the step models.</summary>
    public string[] Seasonal { get; init; } = [];

    /// <summary>Numeric columns that never decrease within any real entity (running totals); kept so.</summary>
    public string[] Monotone { get; init; } = [];

    /// <summary>Per categorical column, the transitions seen in the real data; no other is generated.</summary>
    public TransitionRule[] Transitions { get; init; } = [];

    /// <summary>
    /// Smooth numeric columns (lag-1 autocorrelation at least <c>SequenceFitter.SmoothAutocorrelation</c>: a temperature),
    /// whose later steps are drawn as the change from the step before (<c>@delta.COL</c>), so that what drives the change
    /// (the hour of day) is learned rather than lost beside the much larger level.
    /// </summary>
    public string[] Smooth { get; init; } = [];

    /// <summary>Per smooth column, the decimals its walk is rounded to (those 90% of its values have, or the column's when fewer; −1: full precision).</summary>
    public int[] SmoothDecimals { get; init; } = [];

    /// <summary>
    /// How far a smooth column's value moves from the step before plus its change towards its own level draw (which
    /// reads neither the change nor the column's own lags): a pull of this share per step, so a walk of changes cannot
    /// drift away (time constant 1 / pull steps) while a daily cycle keeps nearly all its amplitude.
    /// </summary>
    public const double Pull = 0.05;

    /// <summary>Order values where at least k real series start, for series on a grid without a context table; a generated series starts at one of them with its share.</summary>
    public double[] StartOrders { get; init; } = [];

    /// <summary>The share of real series starting at each of <see cref="StartOrders"/> (the rest start where the first-step model puts them).</summary>
    public double[] StartShares { get; init; } = [];

    /// <summary>Columns spelling out each step's time (year, month, day, hour), advanced by a fixed step at every later step; null when there are none.</summary>
    public CalendarParts? Calendar { get; init; }

    /// <summary>Numeric columns whose every value is always followed by the same one (an hour of day): kept so.</summary>
    public ClockRule[] Clocks { get; init; } = [];

    [JsonIgnore]
    public SynthesisModel FirstModel => _first ??= Models.ModelFile.FromBytes(First, "the first-step model of a sequence table");
    private SynthesisModel? _first;

    [JsonIgnore]
    public SynthesisModel? NextModel => Next is null ? null : _next ??= Models.ModelFile.FromBytes(Next, "the next-step model of a sequence table");
    private SynthesisModel? _next;
}

/// <summary>A categorical state machine: per category, the ones that may follow it (most frequent first).</summary>
/// <param name="Column">The column.</param>
/// <param name="Next">Per category seen as a state, the categories seen after it at least k times.</param>
internal sealed record TransitionRule(string Column, Dictionary<string, string[]> Next);

/// <summary>A numeric column that moves along a fixed cycle: value <c>From[i]</c> is always followed by <c>To[i]</c>.</summary>
/// <param name="Column">The column.</param>
/// <param name="From">The values seen before another step, ascending.</param>
/// <param name="To">The value that always follows each.</param>
internal sealed record ClockRule(string Column, double[] From, double[] To)
{
    /// <summary>The value after <paramref name="value"/>, or NaN when the cycle does not hold it.</summary>
    public double After(double value)
    {
        int i = Array.BinarySearch(From, value);
        return i >= 0 ? To[i] : double.NaN;
    }
}
