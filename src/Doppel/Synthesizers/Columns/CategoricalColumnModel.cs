using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Transforms;

namespace Doppel.Synthesizers.Columns;

/// <summary>
/// Categoricals and booleans through the frequency-interval encoding. Levels are the categories seen at least
/// <see cref="SynthesizerOptions.RareThreshold"/> times, one protected bucket for the rarer ones, and null.
/// A draw from the rare bucket is written as one of the frequent categories in proportion, or as
/// <see cref="RareToken"/> on request, so a rare real value is never reproduced.
/// </summary>
internal sealed class CategoricalColumnModel : ColumnModel
{
    /// <summary>The value written for the rare bucket when <see cref="WriteRareToken"/> is set.</summary>
    public const string RareToken = "_RARE_";

    /// <summary>Level index for the rare bucket.</summary>
    public const int RareLevel = -1;

    /// <summary>Level index for null.</summary>
    public const int NullLevel = -2;

    private CategoricalMarginal? _marginal;
    private CategoricalMarginal? _frequent;
    private string[]? _output;

    /// <summary>The categories that may appear in output (seen at least k times, or all with keep-rare).</summary>
    public required string[] Categories { get; init; }

    /// <summary>Per level, in encoding order: a category index, <see cref="RareLevel"/> or <see cref="NullLevel"/>.</summary>
    public required int[] Levels { get; init; }

    /// <summary>Share of each level, in encoding order.</summary>
    public required double[] Shares { get; init; }

    /// <summary>Write booleans instead of category strings.</summary>
    public bool Boolean { get; init; }

    /// <summary>Write the rare bucket as <see cref="RareToken"/> instead of a frequent category.</summary>
    public bool WriteRareToken { get; init; }

    [JsonIgnore]
    public override int Dimensions => Levels.Length > 1 ? 1 : 0;

    private CategoricalMarginal Marginal => _marginal ??= new CategoricalMarginal(Shares);

    /// <summary>The frequent categories' shares alone, for redistributing rare draws.</summary>
    private CategoricalMarginal? Frequent => _frequent ??= Categories.Length == 0 ? null : new CategoricalMarginal(FrequentShares());

    private string[] Output => _output ??= WriteRareToken || Categories.Length == 0 ? [.. Categories, RareToken] : Categories;

    private double[] FrequentShares()
    {
        var shares = new double[Categories.Length];
        for (int l = 0; l < Levels.Length; l++) if (Levels[l] >= 0) shares[Levels[l]] = Shares[l];
        return shares;
    }

    /// <summary>
    /// Fits the column. Levels are ordered by descending frequency, or, when <paramref name="guide"/> is given, by
    /// the mean of that latent score within each level, so the encoding runs along the column's strongest relation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs a few times per fit, over every row: optimized from the start
    public static EncodedColumn Fit(Column column, ColumnMetadata meta, SynthesizerOptions options, ref RandomStream random, double[]? guide = null, Validity? guideObserved = null)
    {
        int n = column.Length;
        string[] names;
        int[] codes;
        if (column is BooleanColumn booleans)
        {
            names = ["false", "true"];
            codes = [.. booleans.Values.Select(b => b ? 1 : 0)];
        }
        else if (column is CategoryColumn categories)
        {
            names = categories.Categories;
            codes = categories.Codes;
        }
        else throw new InvalidOperationException($"Column '{column.Name}' is not categorical.");

        var counts = new long[names.Length];
        long nulls = 0;
        for (int i = 0; i < n; i++)
        {
            if (column.IsNull(i)) nulls++;
            else counts[codes[i]]++;
        }

        // Keep categories seen at least k times; the rest share one protected bucket.
        int k = options.KeepRare ? 1 : options.RareThreshold;
        var kept = Enumerable.Range(0, names.Length).Where(c => counts[c] >= k && counts[c] > 0).ToArray();
        long rare = Enumerable.Range(0, names.Length).Where(c => counts[c] < k).Sum(c => counts[c]);
        var keptIndex = new int[names.Length];
        Array.Fill(keptIndex, RareLevel);
        for (int j = 0; j < kept.Length; j++) keptIndex[kept[j]] = j;

        // Levels in descending frequency (ties by first category order), as in SDV's frequency encoding.
        var levels = new List<(int Level, long Count)>();
        for (int j = 0; j < kept.Length; j++) levels.Add((j, counts[kept[j]]));
        if (rare > 0) levels.Add((RareLevel, rare));
        if (nulls > 0) levels.Add((NullLevel, nulls));
        var ordered = guide is null
            ? levels.OrderByDescending(l => l.Count).ToArray()
            : OrderByGuide(levels, column, codes, keptIndex, guide, guideObserved);

        var model = new CategoricalColumnModel
        {
            Name = column.Name,
            NullShare = n == 0 ? 0 : (double)nulls / n,
            Categories = [.. kept.Select(c => names[c])],
            Levels = [.. ordered.Select(l => l.Level)],
            Shares = [.. ordered.Select(l => (double)l.Count / n)],
            Boolean = meta.Type == SemanticType.Boolean,
            WriteRareToken = options.RareAsToken,
        };
        if (model.Dimensions == 0) return new EncodedColumn(model, [], [], []);

        // Per category code (and for null) its level's position in the order: one array read per row.
        var position = new int[kept.Length + 2];
        for (int p = 0; p < ordered.Length; p++) position[Slot(ordered[p].Level, kept.Length)] = p;
        var positionOfCode = new int[names.Length];
        for (int c = 0; c < names.Length; c++) positionOfCode[c] = position[Slot(keptIndex[c], kept.Length)];
        int nullPosition = position[Slot(NullLevel, kept.Length)];
        var marginal = model.Marginal;
        var z = new double[n];
        for (int i = 0; i < n; i++)
            z[i] = marginal.ToNormal(column.IsNull(i) ? nullPosition : positionOfCode[codes[i]], ref random);
        return new EncodedColumn(model, [z], [null], [Attenuation.Of(model.Shares)]);
    }

    /// <summary>Levels by the mean guide score over the rows where the guide is observed (0, its mean, when none are).</summary>
    private static (int Level, long Count)[] OrderByGuide(List<(int Level, long Count)> levels, Column column, int[] codes, int[] keptIndex, double[] guide, Validity? observed)
    {
        int keptCount = levels.Count(l => l.Level >= 0);
        var sums = new double[keptCount + 2];
        var counts = new long[keptCount + 2];
        for (int i = 0; i < column.Length; i++)
        {
            if (observed is not null && !observed.IsValid(i)) continue;
            int slot = Slot(column.IsNull(i) ? NullLevel : keptIndex[codes[i]], keptCount);
            sums[slot] += guide[i];
            counts[slot]++;
        }
        double Mean(int level) => Slot(level, keptCount) is var slot && counts[slot] > 0 ? sums[slot] / counts[slot] : 0;
        return [.. levels.OrderBy(l => Mean(l.Level)).ThenByDescending(l => l.Count).ThenBy(l => l.Level)];
    }

    /// <summary>An array index for a level: kept levels 0..K−1, then the rare bucket, then null.</summary>
    private static int Slot(int level, int keptCount) => level >= 0 ? level : level == RareLevel ? keptCount : keptCount + 1;

    /// <summary>The parts of [0, 1) whose latent scores decode to one of <paramref name="allowed"/> (frequent categories only).</summary>
    public (double Lo, double Hi)[]? AllowedIntervals(IReadOnlySet<string> allowed)
    {
        if (Dimensions == 0) return null;
        var cumulative = Marginal.Cumulative;
        var intervals = new List<(double, double)>();
        for (int p = 0; p < Levels.Length; p++)
        {
            int level = Levels[p];
            // The rare bucket is written as _RARE_ or as a frequent category drawn in proportion: keep it whenever it
            // can produce an allowed value, so the proposal misses nothing (rows are checked afterwards).
            bool allowedHere = level >= 0 ? allowed.Contains(Output[level])
                : level == RareLevel && (WriteRareToken || Frequent is null ? allowed.Contains(RareToken) : Categories.Any(allowed.Contains));
            if (allowedHere && cumulative[p + 1] > cumulative[p]) intervals.Add((cumulative[p], cumulative[p + 1]));
        }
        return [.. intervals];
    }

    public override Column Decode(ReadOnlySpan<double> z, int count, long firstRow, ref RandomStream random)
    {
        var codes = new int[count];
        var validity = new Validity(count);
        if (Levels.Length == 0)
        {
            for (int i = 0; i < count; i++) validity.Set(i, false);
        }
        else
        {
            var marginal = Marginal;
            bool single = Levels.Length == 1;
            for (int i = 0; i < count; i++)
            {
                int level = Levels[single ? 0 : marginal.FromNormal(z[i])];
                if (level >= 0) codes[i] = level;
                else if (level == NullLevel) validity.Set(i, false);
                else codes[i] = WriteRareToken || Frequent is null ? Output.Length - 1 : Frequent.Draw(ref random);
            }
        }
        if (!Boolean) return new CategoryColumn(Name, codes, Output, validity);
        var values = new bool[count];
        int trueCode = Array.IndexOf(Output, "true");
        for (int i = 0; i < count; i++) values[i] = codes[i] == trueCode;
        return new BooleanColumn(Name, values, validity);
    }
}
