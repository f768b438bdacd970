using System.Text.Json.Serialization;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Columns;

namespace Doppel.Relational;

/// <summary>
/// What the database model knows about one table: its row model (over its own columns, its context and its
/// children counts) and how its keys are generated. Statistics only.
/// </summary>
internal sealed class TablePlan
{
    /// <summary>The table name.</summary>
    public required string Name { get; init; }

    /// <summary>Rows in the training data.</summary>
    public long TrainingRows { get; init; }

    /// <summary>The row model as a <c>.doppel</c> file's bytes; null when the table was empty or has nothing to model.</summary>
    public byte[]? Model { get; init; }

    /// <summary>The relationship (metadata index) whose parent row is each row's context; null for a root.</summary>
    public int? Primary { get; init; }

    /// <summary>The parent's columns the row model reads as context (named <c>@parent.COLUMN</c> in the row model).</summary>
    public string[] ContextColumns { get; init; } = [];

    /// <summary>Per relationship this table is the parent of, its children-count column in the row model.</summary>
    public CountPlan[] Counts { get; init; } = [];

    /// <summary>Key columns that are no foreign key, each generated unique in the real pattern.</summary>
    public IdColumnModel[] Keys { get; init; } = [];

    /// <summary>Per foreign-key column matched after generation (secondary and self links), the real share of nulls.</summary>
    public Dictionary<string, double> NullShares { get; init; } = [];

    /// <summary>Per secondary link, the parent columns drawn with this table's rows to match a parent row on.</summary>
    public MatchPlan[] Matches { get; init; } = [];

    /// <summary>A reference table's rows, every column as it is (the user declared them public); null for a modelled table.</summary>
    public ReferenceColumn[]? Reference { get; init; }

    /// <summary>A sequence table's plan (its steps' models and rules); null for other tables.</summary>
    public Sequences.SequencePlan? Sequence { get; init; }

    /// <summary>The row model, read once from <see cref="Model"/>.</summary>
    [JsonIgnore]
    public SynthesisModel? Loaded => Model is null ? null : _loaded ??= Models.ModelFile.FromBytes(Model, $"the model of table '{Name}'");
    private SynthesisModel? _loaded;
}

/// <summary>A children-count column: how many rows of relationship <see cref="Relationship"/>'s child point at a row.</summary>
/// <param name="Relationship">The relationship (metadata index).</param>
/// <param name="Column">The column's name in the parent's row model.</param>
/// <param name="Min">Fewest children of a real parent row.</param>
/// <param name="Max">Most children of a real parent row.</param>
/// <param name="Knots">
/// Quantile knots of the real children counts (at most 1,000, interpolated): the drawn counts are mapped onto them
/// by rank, so the row model decides which parents get more children and the knots how many.
/// </param>
internal sealed record CountPlan(int Relationship, string Column, int Min, int Max, double[] Knots)
{
    /// <summary>Most knots kept (GUIDE section 7).</summary>
    public const int MaxKnots = 1000;

    /// <summary>The knots of <paramref name="counts"/>.</summary>
    public static double[] KnotsOf(double[] counts)
    {
        var sorted = (double[])counts.Clone();
        Array.Sort(sorted);
        if (sorted.Length <= MaxKnots) return sorted;
        var knots = new double[MaxKnots];
        for (int k = 0; k < MaxKnots; k++) knots[k] = Quantile(sorted, (k + 0.5) / MaxKnots);
        return knots;
    }

    /// <summary>The <paramref name="p"/>-quantile of sorted values, interpolated between neighbours.</summary>
    public static double Quantile(double[] sorted, double p)
    {
        double at = Math.Clamp(p * sorted.Length - 0.5, 0, sorted.Length - 1);
        int lo = (int)Math.Floor(at);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
    }
}

/// <summary>Columns of a secondary parent drawn with the child's rows (named <c>@match.LINK.COLUMN</c> in its row model).</summary>
/// <param name="Relationship">The relationship (metadata index).</param>
/// <param name="Columns">The parent's columns.</param>
internal sealed record MatchPlan(int Relationship, string[] Columns);
