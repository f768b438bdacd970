using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation.Sequences;

/// <summary>
/// Each entity's whole sequence as one row, for the privacy distances: its context columns, its length, and its first
/// <c>K</c> steps' columns side by side (a step the sequence does not have is null, so a shorter sequence is far from
/// a longer one). Two entities are at distance 0 only when context, length and the first K steps all match.
/// </summary>
internal static class EntityRows
{
    /// <summary>The most steps compared; longer sequences are compared on their first ones.</summary>
    public const int MaxSteps = 20;

    /// <summary>K: the 90th percentile of the training sequences' lengths, between 1 and <see cref="MaxSteps"/>.</summary>
    public static int StepsCompared(SequenceFrame training)
    {
        var lengths = training.Lengths();
        Array.Sort(lengths);
        int p90 = lengths.Length == 0 ? 1 : lengths[(int)Math.Ceiling(0.9 * (lengths.Length - 1))];
        return Math.Clamp(p90, 1, MaxSteps);
    }

    /// <summary>The metadata of the rows <see cref="Of"/> builds from frames shaped like <paramref name="training"/>.</summary>
    public static TableMetadata Metadata(SequenceFrame training, int steps) => new("entities",
    [
        .. (training.ContextColumns?.Columns ?? []).Select(c => c with { Name = "context." + c.Name }),
        new ColumnMetadata("length", SemanticType.Numerical) { Integer = true },
        .. Enumerable.Range(0, steps).SelectMany(k => training.StepColumns.Columns.Select(c => c with { Name = $"step{k + 1}.{c.Name}" })),
    ]);

    /// <summary>One row per entity of <paramref name="frame"/>.</summary>
    public static Table Of(SequenceFrame frame, int steps)
    {
        var columns = new List<Column>();
        if (frame.Context is { } context)
            columns.AddRange(TableRows.SelectOrNull(context, frame.ContextRow).Columns.Select(c => c.Renamed("context." + c.Name)));
        columns.Add(new NumberColumn("length", [.. frame.Entities.Select(e => (double)e.Length)]));
        for (int k = 0; k < steps; k++)
        {
            var rows = frame.Entities.Select(e => k < e.Length ? e[k] : -1).ToArray();
            string prefix = $"step{k + 1}.";
            columns.AddRange(TableRows.SelectOrNull(frame.Steps, rows).Columns.Select(c => c.Renamed(prefix + c.Name)));
        }
        return new Table(columns, frame.Entities.Length);
    }
}
