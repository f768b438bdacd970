using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Columns;
using Doppel.Transforms;

namespace Doppel.Streaming;

/// <summary>How a column enters a streamed copula fit.</summary>
internal enum ColumnRole
{
    /// <summary>Numbers and datetimes: sketch, slices, a continuous dimension (and a null indicator).</summary>
    Numeric,

    /// <summary>Categoricals and booleans: exact counts, one level dimension.</summary>
    Categorical,

    /// <summary>Keys: fitted on the row sample, no dimension.</summary>
    Id,

    /// <summary>Text, PII and rare-only categoricals: shapes fitted on the row sample, a null indicator.</summary>
    Pattern,
}

/// <summary>A latent dimension in model order: continuous (index into <see cref="CopulaPlan.Continuous"/>) or levels (into <see cref="CopulaPlan.Levels"/>).</summary>
internal readonly record struct PlannedDimension(int Column, bool Continuous, int Index);

/// <summary>
/// What the first pass decides for the second: each column's role, the copula's latent dimensions in model order,
/// the numeric columns' cut points, and the models of the columns fitted on the row sample. A distributed fit
/// ships this plan to every shard for its second pass.
/// </summary>
internal sealed class CopulaPlan
{
    private readonly (int Column, double[] Cuts)[] _slices;

    private CopulaPlan(TableMetadata metadata, ColumnRole[] roles, ContinuousDimension[] continuous, LevelDimension[] levels,
        List<PlannedDimension> dimensions, (int Column, double[] Cuts)[] slices, ColumnModel?[] sampled)
    {
        Metadata = metadata;
        Roles = roles;
        Continuous = continuous;
        Levels = levels;
        Dimensions = dimensions;
        _slices = slices;
        Sampled = sampled;
    }

    /// <summary>The model's metadata (rare-only categoricals become text, as in memory).</summary>
    public TableMetadata Metadata { get; }

    public ColumnRole[] Roles { get; }

    public ContinuousDimension[] Continuous { get; }

    public LevelDimension[] Levels { get; }

    public IReadOnlyList<PlannedDimension> Dimensions { get; }

    /// <summary>Column models fitted on the row sample (ids, text), by column; null for the others.</summary>
    public ColumnModel?[] Sampled { get; }

    public static CopulaPlan Of(FirstPassStatistics first, SynthesizerOptions options)
    {
        var metas = first.Metadata.Columns.ToArray();
        var roles = new ColumnRole[metas.Length];
        var continuous = new List<ContinuousDimension>();
        var levels = new List<LevelDimension>();
        var dims = new List<PlannedDimension>();
        var slices = new List<(int, double[])>();
        var sampled = new ColumnModel?[metas.Length];
        var sample = first.Sample?.ToTable();
        int threshold = options.KeepRare ? 1 : options.RareThreshold;
        for (int c = 0; c < metas.Length; c++)
        {
            var summary = first.Columns[c];
            var meta = metas[c];
            roles[c] = meta.Type switch
            {
                SemanticType.Numerical or SemanticType.Datetime => ColumnRole.Numeric,
                SemanticType.Categorical or SemanticType.Boolean => ColumnRole.Categorical,
                SemanticType.Id => ColumnRole.Id,
                _ => ColumnRole.Pattern,
            };
            if (roles[c] == ColumnRole.Categorical && meta.Type == SemanticType.Categorical && !options.KeepRare && !options.RareAsToken
                && summary.Counts!.Count > 0 && summary.Counts.Values.All(n => n < options.RareThreshold))
            {
                roles[c] = ColumnRole.Pattern; // RareOnlyColumns: nothing a model may reproduce
                metas[c] = new ColumnMetadata(meta.Name, SemanticType.Text);
            }
            switch (roles[c])
            {
                case ColumnRole.Numeric:
                    if (summary.Values < ProtectedTails.MinValues) break; // modelled as all null
                    slices.Add((c, NumericSlices.CutsOf(summary.Sketch!)));
                    dims.Add(new(c, true, continuous.Count));
                    continuous.Add(new ContinuousDimension(c, summary.Sketch!));
                    if (summary.Nulls > 0) AddLevels(LevelDimension.Nulls(c, summary.Values, summary.Nulls));
                    break;
                case ColumnRole.Categorical:
                    var kept = summary.Counts!.Where(p => p.Value >= threshold && p.Value > 0).Select(p => p.Key).ToList();
                    long rare = summary.Counts!.Where(p => p.Value < threshold).Sum(p => p.Value);
                    var level = LevelDimension.Categorical(c, kept, rare, summary.Nulls, summary.Counts!);
                    if (level.Counts.Count(n => n > 0) > 1) AddLevels(level);
                    else levels.Add(level); // one level: a model, but no dimension
                    break;
                case ColumnRole.Id:
                    sampled[c] = IdColumnModel.Fit(sample!.Columns[c]).Model;
                    break;
                default:
                    var random = new RandomStream(options.FitSeed, (ulong)c);
                    var text = TextOf(sample!.Columns[c]);
                    var model = PatternColumnModel.Fit(text, metas[c], options, ref random).Model;
                    sampled[c] = model;
                    if (model.Dimensions > 0) AddLevels(LevelDimension.Nulls(c, summary.Values, summary.Nulls));
                    break;
            }
        }
        void AddLevels(LevelDimension level)
        {
            dims.Add(new(level.Column, false, levels.Count));
            levels.Add(level);
        }
        return new CopulaPlan(first.Metadata with { Columns = metas }, roles, [.. continuous], [.. levels], dims, [.. slices], sampled);
    }

    private static Data.Column TextOf(Data.Column column)
    {
        if (column is not Data.CategoryColumn categories) return column;
        var values = new string?[categories.Length];
        for (int i = 0; i < values.Length; i++) values[i] = categories.IsNull(i) ? null : categories.Categories[categories.Codes[i]];
        return new Data.StringColumn(categories.Name, values, categories.Validity);
    }

    /// <summary>The numeric columns sliced in pass 2 and their cut points.</summary>
    public IReadOnlyList<(int Column, double[] Cuts)> Slices => _slices;

    /// <summary>Empty second-pass accumulators for this plan.</summary>
    public CopulaMoments NewMoments() => new(Continuous, Levels, _slices);

    /// <summary>The index of column c's slices in <see cref="CopulaMoments.Slices"/>, or −1.</summary>
    public int SliceIndexOf(int column) => Array.FindIndex(_slices, s => s.Column == column);

    public NumericSlices? SlicesOf(CopulaMoments moments, int column) => SliceIndexOf(column) is >= 0 and var i ? moments.Slices[i] : null;

    /// <summary>The categorical column's level dimension (also when it has a single level and so no dimension).</summary>
    public LevelDimension? LevelOf(int column) => Levels.FirstOrDefault(l => l.Column == column && !l.IsNullIndicator);

    /// <summary>The in-memory fit's first order: descending count, ties in slot order.</summary>
    public int[] InitialOrder(LevelDimension level) =>
        [.. Enumerable.Range(0, level.Slots).Where(s => level.Counts[s] > 0).OrderByDescending(s => level.Counts[s])];
}
