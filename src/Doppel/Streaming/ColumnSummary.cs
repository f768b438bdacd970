using Doppel.Data;
using Doppel.Transforms;

namespace Doppel.Streaming;

/// <summary>
/// The first pass's statistics of one column, mergeable across batches, files and workers: rows and nulls; for
/// numbers and datetimes a <see cref="QuantileSketch"/> of the values and the exact few most extreme values on each
/// side (what <see cref="ProtectedTails"/> must leave out by rank); for categoricals and booleans exact counts per
/// category in order of first appearance. Fit-time only: it holds real values and never enters a model.
/// </summary>
internal sealed class ColumnSummary
{
    /// <summary>Extremes kept per side: the trimmed ones and the first value of the core.</summary>
    public const int ExtremeCount = ProtectedTails.Trimmed + 1;

    public long Rows { get; private set; }

    public long Nulls { get; private set; }

    /// <summary>Non-null values.</summary>
    public long Values => Rows - Nulls;

    /// <summary>The values' sketch (numbers and datetimes; datetimes as ticks).</summary>
    public QuantileSketch? Sketch { get; private set; }

    /// <summary>The smallest <see cref="ExtremeCount"/> values, ascending (with repeats).</summary>
    public List<double> Lowest { get; } = [];

    /// <summary>The largest <see cref="ExtremeCount"/> values, descending (with repeats).</summary>
    public List<double> Highest { get; } = [];

    /// <summary>Rows per category, in order of first appearance (categoricals and booleans).</summary>
    public Dictionary<string, long>? Counts { get; private set; }

    /// <summary>A summary restored from its parts (a shard's summary received by the client of a distributed fit).</summary>
    internal static ColumnSummary Restore(long rows, long nulls, QuantileSketch? sketch, IEnumerable<double> lowest, IEnumerable<double> highest, Dictionary<string, long>? counts)
    {
        var summary = new ColumnSummary { Rows = rows, Nulls = nulls, Sketch = sketch, Counts = counts };
        summary.Lowest.AddRange(lowest);
        summary.Highest.AddRange(highest);
        return summary;
    }

    public void Add(Column column)
    {
        Rows += column.Length;
        switch (column)
        {
            case NumberColumn numbers:
                AddValues(column, numbers.Values.AsSpan());
                break;
            case DateTimeColumn dates:
                Sketch ??= new QuantileSketch();
                for (int i = 0; i < column.Length; i++)
                    if (column.IsNull(i)) Nulls++; else AddValue(dates.Ticks[i]);
                break;
            case CategoryColumn categories:
                Counts ??= [];
                var perCode = new long[categories.Categories.Length];
                for (int i = 0; i < column.Length; i++)
                    if (column.IsNull(i)) Nulls++; else perCode[categories.Codes[i]]++;
                for (int code = 0; code < perCode.Length; code++)
                    if (perCode[code] > 0) Counts[categories.Categories[code]] = Counts.GetValueOrDefault(categories.Categories[code]) + perCode[code];
                break;
            case BooleanColumn booleans:
                Counts ??= new() { ["false"] = 0, ["true"] = 0 }; // the order the in-memory fit uses
                long trues = 0, falses = 0;
                for (int i = 0; i < column.Length; i++)
                    if (column.IsNull(i)) Nulls++; else if (booleans.Values[i]) trues++; else falses++;
                Counts["false"] += falses;
                Counts["true"] += trues;
                break;
            default:
                for (int i = 0; i < column.Length; i++) if (column.IsNull(i)) Nulls++;
                break;
        }
    }

    private void AddValues(Column column, ReadOnlySpan<double> values)
    {
        Sketch ??= new QuantileSketch();
        for (int i = 0; i < values.Length; i++)
            if (column.IsNull(i)) Nulls++; else AddValue(values[i]);
    }

    private void AddValue(double value)
    {
        Sketch!.Add(value);
        Keep(Lowest, value, ascending: true);
        Keep(Highest, value, ascending: false);
    }

    /// <summary>Keeps the <see cref="ExtremeCount"/> most extreme values in order (cheap: most values fail the first test).</summary>
    private static void Keep(List<double> extremes, double value, bool ascending)
    {
        if (extremes.Count == ExtremeCount && (ascending ? value >= extremes[^1] : value <= extremes[^1])) return;
        int at = extremes.Count;
        while (at > 0 && (ascending ? extremes[at - 1] > value : extremes[at - 1] < value)) at--;
        extremes.Insert(at, value);
        if (extremes.Count > ExtremeCount) extremes.RemoveAt(ExtremeCount);
    }

    /// <summary>Adds <paramref name="other"/>'s rows (a later part of the same column's stream).</summary>
    public void Merge(ColumnSummary other)
    {
        Rows += other.Rows;
        Nulls += other.Nulls;
        if (other.Sketch is not null)
        {
            if (Sketch is null) Sketch = QuantileSketch.FromLevels(other.Sketch.K, other.Sketch.Count, other.Sketch.Levels);
            else Sketch.Merge(other.Sketch);
        }
        foreach (double v in other.Lowest) Keep(Lowest, v, ascending: true);
        foreach (double v in other.Highest) Keep(Highest, v, ascending: false);
        if (other.Counts is not null)
        {
            Counts ??= [];
            foreach (var (category, count) in other.Counts) Counts[category] = Counts.GetValueOrDefault(category) + count;
        }
    }
}
