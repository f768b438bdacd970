using System.Runtime.CompilerServices;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Provenance;
using Doppel.Sampling;
using Doppel.Synthesizers.Columns;

namespace Doppel.Synthesizers;

/// <summary>Fits column models and, for the copula, the correlation of their latent normal scores.</summary>
internal static class CopulaFitter
{
    /// <summary>Passes that re-order categorical levels along their strongest relation (see <see cref="OrderCategoricals"/>).</summary>
    private const int OrderingPasses = 2;

    public static SynthesisModel Fit(Table data, TableMetadata metadata, SynthesizerOptions options, string name, bool correlated)
    {
        Trees.SequentialTreeFitter.CheckInput(data, metadata);
        Trees.SequentialTreeFitter.CheckRows(data);
        (data, metadata) = RareOnlyColumns.AsText(data, metadata, options);

        var encoded = new EncodedColumn[data.Columns.Count];
        Parallelism.For(0, encoded.Length, c =>
        {
            var random = new RandomStream(options.FitSeed, (ulong)c);
            encoded[c] = FitColumn(data.Columns[c], metadata.Columns[c], options, ref random, null);
        });

        double[]? cholesky = null;
        LatentFactors? factors = null;
        if (correlated && encoded.Sum(e => e.Scores.Length) > LatentFactors.WideDimensions)
            factors = FitFactors(data, metadata, options, encoded);
        else if (correlated)
        {
            for (int pass = 0; pass < OrderingPasses; pass++) OrderCategoricals(data, metadata, options, encoded, null);
            var scores = encoded.SelectMany(e => e.Scores).ToArray();
            if (scores.Length > 1)
            {
                var matrix = Correlation.Latent(scores, [.. encoded.SelectMany(e => e.Observed)], [.. encoded.SelectMany(e => e.Attenuation)]);
                cholesky = Correlation.CholeskyOf(matrix, scores.Length);
            }
        }
        var source = new SourceFingerprint(Fingerprint.Of(data), Fingerprint.Of(metadata), data.RowCount);
        return new SynthesisModel(name, metadata, new CopulaGenerator([.. encoded.Select(e => e.Model)], cholesky, factors), source, options);
    }

    /// <summary>
    /// A wide table's correlation as latent factors (see <see cref="LatentFactors"/>); categorical levels are
    /// ordered along the principal component each explains best, so ordering costs O(n·k) per column, not O(n·d).
    /// </summary>
    private static LatentFactors? FitFactors(Table data, TableMetadata metadata, SynthesizerOptions options, EncodedColumn[] encoded)
    {
        LatentFactors.Decomposition Decompose() =>
            LatentFactors.Decompose([.. encoded.SelectMany(e => e.Scores)], [.. encoded.SelectMany(e => e.Observed)], options.FitSeed);
        var decomposition = Decompose();
        for (int pass = 0; pass < OrderingPasses; pass++)
        {
            var guides = decomposition.Components.Take(Math.Max(1, decomposition.SignificantFactors)).Select(u => (-1, u, (Validity?)null));
            if (!OrderCategoricals(data, metadata, options, encoded, [.. guides])) break;
            decomposition = Decompose();
        }
        return LatentFactors.Of(decomposition, [.. encoded.SelectMany(e => e.Attenuation)]);
    }

    /// <summary>
    /// A Gaussian copula can only express monotone relations, so the order of a categorical's levels matters. Each
    /// categorical with three or more levels is re-encoded with its levels ordered by the mean score of the latent
    /// dimension it explains best (largest correlation ratio η²), turning its strongest relation into a monotone one.
    /// </summary>
    /// <returns>Whether any column was re-encoded.</returns>
    private static bool OrderCategoricals(Table data, TableMetadata metadata, SynthesizerOptions options, EncodedColumn[] encoded,
        (int Column, double[] Scores, Validity? Observed)[]? guides)
    {
        var targets = Enumerable.Range(0, encoded.Length)
            .Where(c => encoded[c].Model is CategoricalColumnModel { Levels.Length: >= 3 }).ToArray();
        if (targets.Length == 0) return false;
        var dims = guides?.ToList() ?? [];
        if (guides is null)
            for (int c = 0; c < encoded.Length; c++)
                for (int k = 0; k < encoded[c].Scores.Length; k++) dims.Add((c, encoded[c].Scores[k], encoded[c].Observed[k]));
        // A fully observed dimension's mean and spread are the same for every target: computed once.
        var spreads = new (double Mean, double Variance)[dims.Count];
        Parallelism.For(0, dims.Count, d => spreads[d] = dims[d].Observed is null ? Spread(dims[d].Scores) : default);
        var refitted = new EncodedColumn[targets.Length];
        Parallelism.For(0, targets.Length, t =>
        {
            int c = targets[t];
            var levels = LevelOf(data.Columns[c]);
            int levelCount = levels.Length == 0 ? 0 : levels.Max() + 1;
            var levelRows = new long[levelCount + 1];
            foreach (int level in levels) levelRows[level + 1]++;
            double best = 0;
            double[]? guide = null;
            Validity? guideObserved = null;
            for (int d = 0; d < dims.Count; d++)
            {
                var dim = dims[d];
                if (dim.Column == c) continue;
                double eta = dim.Observed is null
                    ? CorrelationRatio(levels, levelRows, dim.Scores, spreads[d])
                    : CorrelationRatio(levels, levelCount, dim.Scores, dim.Observed);
                if (eta > best) { best = eta; guide = dim.Scores; guideObserved = dim.Observed; }
            }
            var random = new RandomStream(options.FitSeed, (ulong)c);
            refitted[t] = guide is null ? encoded[c] : FitColumn(data.Columns[c], metadata.Columns[c], options, ref random, guide, guideObserved);
        });
        for (int t = 0; t < targets.Length; t++) encoded[targets[t]] = refitted[t];
        return true;
    }

    /// <summary>Per row: the category code, or −1 for null.</summary>
    private static int[] LevelOf(Column column)
    {
        var codes = column switch
        {
            CategoryColumn categories => categories.Codes,
            BooleanColumn booleans => [.. booleans.Values.Select(b => b ? 1 : 0)],
            _ => throw new InvalidOperationException($"Column '{column.Name}' is not categorical."),
        };
        var levels = new int[column.Length];
        for (int i = 0; i < levels.Length; i++) levels[i] = column.IsNull(i) ? -1 : codes[i];
        return levels;
    }

    /// <summary>Mean and sum of squared deviations of every score.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs a few times per fit, over every row: optimized from the start
    private static (double Mean, double Variance) Spread(double[] scores)
    {
        double total = 0, totalSquares = 0;
        foreach (double s in scores) { total += s; totalSquares += s * s; }
        double mean = scores.Length == 0 ? 0 : total / scores.Length;
        return (mean, totalSquares - scores.Length * mean * mean);
    }

    /// <summary>
    /// η² of fully observed <paramref name="scores"/> given the levels, with the rows per level and the scores'
    /// spread known: only the per-level sums are left to add, in two interleaved sets so that runs of one level do
    /// not wait on each other's additions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs a few times per fit, over every row: optimized from the start
    private static double CorrelationRatio(int[] levels, long[] levelRows, double[] scores, (double Mean, double Variance) spread)
    {
        int n = levels.Length;
        if (n < 2 || spread.Variance <= 0) return 0;
        var even = new double[levelRows.Length];
        var odd = new double[levelRows.Length];
        int i = 0;
        for (; i + 1 < n; i += 2)
        {
            even[levels[i] + 1] += scores[i];
            odd[levels[i + 1] + 1] += scores[i + 1];
        }
        if (i < n) even[levels[i] + 1] += scores[i];
        double between = 0;
        for (int l = 0; l < levelRows.Length; l++)
        {
            if (levelRows[l] == 0) continue;
            double gap = (even[l] + odd[l]) / levelRows[l] - spread.Mean;
            between += levelRows[l] * gap * gap;
        }
        return between / spread.Variance;
    }

    /// <summary>η² of <paramref name="scores"/> given the levels: between-level variance over total variance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs a few times per fit, over every row: optimized from the start
    private static double CorrelationRatio(int[] levels, int levelCount, double[] scores, Validity? observed)
    {
        var sums = new double[levelCount + 1];   // slot 0 is null (level −1)
        var counts = new long[levelCount + 1];
        double total = 0, totalSquares = 0;
        long n = 0;
        for (int i = 0; i < levels.Length; i++)
        {
            if (observed is not null && !observed.IsValid(i)) continue;
            double s = scores[i];
            sums[levels[i] + 1] += s;
            counts[levels[i] + 1]++;
            total += s;
            totalSquares += s * s;
            n++;
        }
        if (n < 2) return 0;
        double mean = total / n;
        double variance = totalSquares - n * mean * mean;
        if (variance <= 0) return 0;
        double between = 0;
        for (int l = 0; l < sums.Length; l++)
            if (counts[l] > 0) between += counts[l] * (sums[l] / counts[l] - mean) * (sums[l] / counts[l] - mean);
        return between / variance;
    }

    private static EncodedColumn FitColumn(Column column, ColumnMetadata meta, SynthesizerOptions options, ref RandomStream random, double[]? guide, Validity? guideObserved = null)
    {
        bool fits = meta.Type switch
        {
            SemanticType.Numerical => column is NumberColumn,
            SemanticType.Datetime => column is DateTimeColumn,
            SemanticType.Categorical => column is CategoryColumn,
            SemanticType.Boolean => column is BooleanColumn or CategoryColumn,
            _ => column is StringColumn,
        };
        if (!fits)
            throw new DoppelException(ErrorKind.Metadata, $"Column '{column.Name}' holds {column.Kind} values but the metadata says {meta.TypeName}.");
        return meta.Type switch
        {
            SemanticType.Numerical or SemanticType.Datetime => NumericColumnModel.Fit(column, meta, ref random),
            SemanticType.Categorical or SemanticType.Boolean => CategoricalColumnModel.Fit(column, meta, options, ref random, guide, guideObserved),
            SemanticType.Id => IdColumnModel.Fit(column),
            _ => PatternColumnModel.Fit(column, meta, options, ref random),
        };
    }
}
