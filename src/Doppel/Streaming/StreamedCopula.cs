using Doppel.Data;
using Doppel.Metadata;
using Doppel.Provenance;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Columns;
using Doppel.Transforms;

namespace Doppel.Streaming;

/// <summary>
/// The Gaussian copula fitted out of core, in two passes over a <see cref="TableSource"/>: pass 1 gathers
/// <see cref="FirstPassStatistics"/> (sketches, extremes, category counts, a small row sample for text and id
/// columns); pass 2 gathers <see cref="CopulaMoments"/> (numeric slices, latent moments). The model is then built as
/// <see cref="CopulaFitter"/> builds it — protected quantile knots, frequency-interval categoricals whose levels are
/// ordered along their strongest relation (two passes, on expected scores), latent correlations divided by the
/// attenuation factors, Cholesky — from statistics whose size depends on the columns, not the rows.
/// </summary>
internal static class StreamedCopula
{
    private const int OrderingPasses = 2;

    /// <summary>Rows sampled for the columns that are generated from shapes (text, PII) or keys (ids).</summary>
    public const int TextSampleRows = 100_000;

    /// <summary>
    /// Each file's statistics are gathered alone and merged in file order, in both passes: a distributed fit, a shard
    /// per file, merges the same objects in the same order and so builds the same model, byte for byte.
    /// </summary>
    public static SynthesisModel Fit(TableSource source, SynthesizerOptions options, string name, bool correlated)
    {
        var hashes = new List<string>();
        var first = NewFirstPass(source.Metadata, options);
        for (int f = 0; f < source.Files.Count; f++) first.Merge(FirstPass(source, f, options, hashes));
        var plan = Plan(first, options);
        var moments = plan.NewMoments();
        for (int f = 0; f < source.Files.Count; f++) moments.Merge(SecondPass(source, f, plan.NewMoments()));
        return Build(plan, first, moments, options, name, hashes, correlated);
    }

    /// <summary>Empty first-pass statistics for a table (with a text sample when it has text or id columns).</summary>
    internal static FirstPassStatistics NewFirstPass(TableMetadata metadata, SynthesizerOptions options) =>
        new(metadata, NeedsSample(metadata) ? TextSampleRows : 0, options.FitSeed);

    /// <summary>Pass 1 over one file; its SHA-256 is added to <paramref name="hashes"/>.</summary>
    internal static FirstPassStatistics FirstPass(TableSource source, int file, SynthesizerOptions options, IList<string> hashes)
    {
        var first = NewFirstPass(source.Metadata, options);
        foreach (var batch in source.ReadFile(file, hashes)) first.Add(batch);
        return first;
    }

    /// <summary>Pass 2 over one file into <paramref name="moments"/> (empty, of the plan).</summary>
    internal static CopulaMoments SecondPass(TableSource source, int file, CopulaMoments moments)
    {
        foreach (var batch in source.ReadFile(file)) moments.Add(batch.Table);
        return moments;
    }

    /// <summary>The model from merged statistics (a distributed fit merges each shard's two passes and calls this).</summary>
    internal static SynthesisModel Build(CopulaPlan plan, FirstPassStatistics first, CopulaMoments moments, SynthesizerOptions options, string name, IReadOnlyList<string> fileHashes, bool correlated = true)
    {
        var models = new ColumnModel[plan.Metadata.Columns.Count];
        for (int c = 0; c < models.Length; c++)
        {
            var meta = plan.Metadata.Columns[c];
            var summary = first.Columns[c];
            models[c] = plan.Roles[c] switch
            {
                ColumnRole.Numeric => NumericModel(meta, summary, plan.SlicesOf(moments, c)),
                ColumnRole.Categorical => CategoricalModel(meta, plan.LevelOf(c)!, plan.InitialOrder(plan.LevelOf(c)!), summary.Rows, options),
                _ => plan.Sampled[c]!,
            };
        }
        var orders = plan.Levels.Select(plan.InitialOrder).ToArray();
        int dims = plan.Dimensions.Count;
        double[]? cholesky = null;
        if (correlated && dims > LatentFactors.WideDimensions)
            throw new DoppelException(ErrorKind.Usage, $"The table has {dims} latent dimensions, more than the {LatentFactors.WideDimensions} a streamed copula fit handles; fit it in memory (without --streaming).");
        if (correlated && dims > 1)
        {
            for (int pass = 0; pass < OrderingPasses; pass++) orders = OrderLevels(plan, moments, orders);
            for (int a = 0; a < plan.Levels.Length; a++)
                if (!plan.Levels[a].IsNullIndicator)
                    models[plan.Levels[a].Column] = CategoricalModel(plan.Metadata.Columns[plan.Levels[a].Column], plan.Levels[a], orders[a], first.Columns[plan.Levels[a].Column].Rows, options);
            cholesky = Correlation.CholeskyOf(LatentCorrelation(plan, moments, orders), dims);
        }
        string data = fileHashes.Count == 1 ? fileHashes[0] : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', fileHashes))));
        var fingerprint = new SourceFingerprint(data, Fingerprint.Of(plan.Metadata), first.Rows);
        return new SynthesisModel(name, plan.Metadata, new CopulaGenerator(models, cholesky, null), fingerprint, options);
    }

    private static bool NeedsSample(TableMetadata metadata) =>
        metadata.Columns.Any(c => c.Type is not (SemanticType.Numerical or SemanticType.Datetime or SemanticType.Boolean));

    /// <summary>What pass 2 needs from pass 1: roles, dimensions, cut points.</summary>
    internal static CopulaPlan Plan(FirstPassStatistics first, SynthesizerOptions options)
    {
        if (first.Rows < ProtectedTails.MinValues)
            throw new DoppelException(ErrorKind.Data, $"The data has {first.Rows} row(s); a model needs at least {ProtectedTails.MinValues} so that no single row can be read back from it.");
        return CopulaPlan.Of(first, options);
    }

    private static NumericColumnModel NumericModel(ColumnMetadata meta, ColumnSummary summary, NumericSlices? slices)
    {
        long valid = summary.Values < ProtectedTails.MinValues ? 0 : summary.Values;
        double[] knots = [];
        if (valid > 0)
        {
            var (p, q, _) = slices!.QuantileFunction(valid, summary.Lowest, summary.Highest);
            knots = QuantileMarginal.FromQuantileFunction(p, q, (int)Math.Min(QuantileMarginal.MaxKnots, (valid - 2 * ProtectedTails.Trimmed) / ProtectedTails.K + 2)).Knots; // as many knots as in memory
        }
        return new NumericColumnModel
        {
            Name = meta.Name,
            NullShare = summary.Rows == 0 ? 0 : (double)(summary.Rows - valid) / summary.Rows,
            Knots = knots,
            Integer = meta.Integer,
            Decimals = meta.Decimals,
            DateTimeUnit = meta.Type == SemanticType.Datetime ? NumericColumnModel.UnitOf(meta.Format) : 0,
        };
    }

    private static CategoricalColumnModel CategoricalModel(ColumnMetadata meta, LevelDimension levels, int[] order, long rows, SynthesizerOptions options)
    {
        int kept = levels.Slots - 2;
        return new CategoricalColumnModel
        {
            Name = meta.Name,
            NullShare = rows == 0 ? 0 : (double)levels.Counts[^1] / rows,
            Categories = levels.KeptNames!,
            Levels = [.. order.Select(s => levels.LevelIds[s])],
            Shares = [.. order.Select(s => (double)levels.Counts[s] / rows)],
            Boolean = meta.Type == SemanticType.Boolean,
            WriteRareToken = options.RareAsToken,
        };
    }

    /// <summary>
    /// One ordering pass of <see cref="CopulaFitter"/>'s: each categorical with three or more levels takes the order
    /// of the mean (expected) score of the dimension it explains best (largest η²), from the current orders.
    /// </summary>
    private static int[][] OrderLevels(CopulaPlan plan, CopulaMoments moments, int[][] orders)
    {
        var expected = plan.Levels.Select((l, a) => l.Expected(orders[a])).ToArray();
        var next = (int[][])orders.Clone();
        Parallelism.For(0, plan.Levels.Length, a =>
        {
            var target = plan.Levels[a];
            if (target.IsNullIndicator || orders[a].Length < 3) return;
            double best = 0;
            double[]? guideMeans = null;
            foreach (var dim in plan.Dimensions)
            {
                if (dim.Column == target.Column) continue;
                var (counts, sums, squares) = dim.Continuous
                    ? PerSlot(moments, plan, a, dim.Index)
                    : PerSlot(moments, plan, a, dim.Index, expected[dim.Index]);
                double eta = CorrelationRatio(counts, sums, squares);
                if (eta > best)
                {
                    best = eta;
                    guideMeans = [.. counts.Select((n, s) => n > 0 ? sums[s] / n : 0)];
                }
            }
            if (guideMeans is null) return;
            next[a] = [.. orders[a].OrderBy(s => guideMeans[s]).ThenByDescending(s => target.Counts[s]).ThenBy(s => target.LevelIds[s])];
        });
        return next;
    }

    /// <summary>Per slot of level dimension a: rows, sum and sum of squares of continuous dimension j's scores.</summary>
    private static (double[] Counts, double[] Sums, double Squares) PerSlot(CopulaMoments moments, CopulaPlan plan, int a, int j)
    {
        var cells = moments.LevelContinuous[a * plan.Continuous.Length + j];
        int slots = plan.Levels[a].Slots;
        var counts = new double[slots];
        var sums = new double[slots];
        double squares = 0;
        for (int s = 0; s < slots; s++) { counts[s] = cells[3 * s]; sums[s] = cells[3 * s + 1]; squares += cells[3 * s + 2]; }
        return (counts, sums, squares);
    }

    /// <summary>Per slot of level dimension a: rows, sum and sum of squares of level dimension b's expected scores.</summary>
    private static (double[] Counts, double[] Sums, double Squares) PerSlot(CopulaMoments moments, CopulaPlan plan, int a, int b, (double[] Mean, double[] Square) guide)
    {
        int slots = plan.Levels[a].Slots;
        var counts = new double[slots];
        var sums = new double[slots];
        double squares = 0;
        ForEachCell(moments, plan, a, b, (sa, sb, n) =>
        {
            counts[sa] += n;
            sums[sa] += n * guide.Mean[sb];
            squares += n * guide.Square[sb];
        });
        return (counts, sums, squares);
    }

    /// <summary>Visits the contingency table of level dimensions a and b as (slot of a, slot of b, rows).</summary>
    private static void ForEachCell(CopulaMoments moments, CopulaPlan plan, int a, int b, Action<int, int, long> visit)
    {
        int nl = plan.Levels.Length;
        bool flipped = a < b;
        var cells = flipped ? moments.LevelPairs[b * nl + a]! : moments.LevelPairs[a * nl + b]!;
        int width = flipped ? plan.Levels[a].Slots : plan.Levels[b].Slots;
        for (int k = 0; k < cells.Length; k++)
        {
            if (cells[k] == 0) continue;
            int row = k / width, column = k % width;
            if (flipped) visit(column, row, cells[k]); else visit(row, column, cells[k]);
        }
    }

    /// <summary>η²: between-slot variance over total variance.</summary>
    private static double CorrelationRatio(double[] counts, double[] sums, double squares)
    {
        double n = counts.Sum(), total = sums.Sum();
        if (n < 2) return 0;
        double mean = total / n, variance = squares - n * mean * mean;
        if (variance <= 0) return 0;
        double between = 0;
        for (int s = 0; s < counts.Length; s++)
            if (counts[s] > 0) between += counts[s] * (sums[s] / counts[s] - mean) * (sums[s] / counts[s] - mean);
        return between / variance;
    }

    private const double MaxCorrelation = 0.995;

    /// <summary>The d×d latent correlation (row-major) in the model's dimension order, as <see cref="Correlation.Latent"/>.</summary>
    private static double[] LatentCorrelation(CopulaPlan plan, CopulaMoments moments, int[][] orders)
    {
        var expected = plan.Levels.Select((l, a) => l.Expected(orders[a])).ToArray();
        var dims = plan.Dimensions;
        int d = dims.Count, nc = plan.Continuous.Length;
        var attenuation = dims.Select(x => x.Continuous
            ? Attenuation.Of(moments.Slices[plan.SliceIndexOf(plan.Continuous[x.Index].Column)].Counts.Where(c => c > 0).Select(c => (double)c / moments.Slices[plan.SliceIndexOf(plan.Continuous[x.Index].Column)].Counts.Sum()))
            : Attenuation.Of(plan.Levels[x.Index].Shares(orders[x.Index]))).ToArray();
        var matrix = new double[d * d];
        Parallelism.For(0, d, i =>
        {
            for (int j = 0; j < i; j++)
            {
                var (x, y) = (dims[i], dims[j]);
                double r;
                if (x.Continuous && y.Continuous)
                {
                    var s = x.Index > y.Index ? moments.ContinuousPairs[x.Index * nc + y.Index]! : moments.ContinuousPairs[y.Index * nc + x.Index]!;
                    r = x.Index > y.Index ? Pearson(s[0], s[1], s[2], s[3], s[4], s[5]) : Pearson(s[0], s[2], s[1], s[4], s[3], s[5]);
                }
                else if (x.Continuous || y.Continuous)
                {
                    var (level, cont) = x.Continuous ? (y.Index, x.Index) : (x.Index, y.Index);
                    var cells = moments.LevelContinuous[level * nc + cont];
                    var e = expected[level];
                    double n = 0, sx = 0, sxx = 0, sy = 0, syy = 0, sxy = 0;
                    for (int s = 0; s < plan.Levels[level].Slots; s++)
                    {
                        double c = cells[3 * s];
                        if (c == 0) continue;
                        n += c; sx += c * e.Mean[s]; sxx += c * e.Square[s];
                        sy += cells[3 * s + 1]; syy += cells[3 * s + 2]; sxy += e.Mean[s] * cells[3 * s + 1];
                    }
                    r = Pearson(n, sx, sy, sxx, syy, sxy);
                }
                else
                {
                    var (ea, eb) = (expected[x.Index], expected[y.Index]);
                    double n = 0, sx = 0, sxx = 0, sy = 0, syy = 0, sxy = 0;
                    ForEachCell(moments, plan, x.Index, y.Index, (sa, sb, c) =>
                    {
                        n += c; sx += c * ea.Mean[sa]; sxx += c * ea.Square[sa];
                        sy += c * eb.Mean[sb]; syy += c * eb.Square[sb]; sxy += c * ea.Mean[sa] * eb.Mean[sb];
                    });
                    r = Pearson(n, sx, sy, sxx, syy, sxy);
                }
                r = Math.Clamp(r / (attenuation[i] * attenuation[j]), -MaxCorrelation, MaxCorrelation);
                matrix[i * d + j] = r;
                matrix[j * d + i] = r;
            }
            matrix[i * d + i] = 1;
        });
        return matrix;
    }

    private static double Pearson(double n, double sx, double sy, double sxx, double syy, double sxy)
    {
        if (n < 3) return 0;
        double cov = sxy - sx * sy / n, vx = sxx - sx * sx / n, vy = syy - sy * sy / n;
        if (vx <= 1e-12 * n || vy <= 1e-12 * n) return 0;
        return Math.Clamp(cov / Math.Sqrt(vx * vy), -1, 1);
    }
}
