using Doppel.Metadata;
using Doppel.Relational;

namespace Doppel.Evaluation.Sequences;

/// <summary>Options of <see cref="SequenceReport.Compute"/>.</summary>
public sealed record SequenceEvaluationOptions
{
    /// <summary>
    /// Lags of the autocorrelation; null: lag 1 and the daily, weekly or yearly period of a declared interval
    /// (24 for <c>1h</c>, 96 for <c>15min</c>, 7 for <c>1d</c>, 12 for <c>1mo</c>).
    /// </summary>
    public IReadOnlyList<int>? Lags { get; init; }

    /// <summary>
    /// Cut sequences into consecutive windows of this many steps for the accuracy and the per-sequence metrics
    /// (StatisticMSAS, InterRowMSAS): a few long series (12 stations' years of hours) give a KS statistic a handful of
    /// values, their days give it thousands. Null: whole sequences. Lengths, autocorrelation, order and privacy always
    /// use whole sequences.
    /// </summary>
    public int? Window { get; init; }

    /// <summary>Seed of the random step per entity and of the privacy cuts.</summary>
    public ulong Seed { get; init; }

    /// <summary>Sequences of each side drawn in the report.</summary>
    public int SampleSequences { get; init; } = 3;

    /// <summary>Steps of each drawn sequence (a long series is drawn from its start).</summary>
    public int SampleSteps { get; init; } = 200;
}

/// <summary>Scores the sequence tables of a synthetic database against the real one (GUIDE section 10).</summary>
public static class SequenceReport
{
    /// <summary>
    /// One <see cref="SequenceQuality"/> per sequence table of <paramref name="real"/>'s metadata, in metadata order.
    /// With <paramref name="holdout"/> (real entities the model never saw, split by entity, read with the same
    /// metadata) the accuracy ceiling and the entity privacy distances are measured too. Deterministic.
    /// </summary>
    /// <exception cref="DoppelException">A lag below 1, or a sequence table whose order column has nulls.</exception>
    public static IReadOnlyList<SequenceQuality> Compute(Database real, Database synthetic, Database? holdout = null, SequenceEvaluationOptions? options = null)
    {
        options ??= new SequenceEvaluationOptions();
        if (options.Window is < 2)
            throw new DoppelException(ErrorKind.Usage, $"A window must hold 2 steps or more, not {options.Window}.");
        if (options.Lags is { } lags && lags.Any(l => l < 1))
            throw new DoppelException(ErrorKind.Usage, $"An autocorrelation lag must be 1 or more, not {lags.First(l => l < 1)}.");
        var metadata = real.Metadata;
        var result = new List<SequenceQuality>();
        foreach (var table in metadata.Tables.Where(t => t.Sequence is not null && !t.Reference))
        {
            if (real[table.Name].RowCount == 0 || synthetic[table.Name].RowCount == 0) continue;
            var training = SequenceFrame.Of(real, metadata, table);
            var generated = SequenceFrame.Of(synthetic, metadata, table);
            var held = holdout is null || holdout[table.Name].RowCount == 0 ? null : SequenceFrame.Of(holdout, metadata, table);
            result.Add(Score(table, training, generated, held, options));
        }
        return result;
    }

    private static SequenceQuality Score(TableMetadata table, SequenceFrame training, SequenceFrame synthetic, SequenceFrame? holdout, SequenceEvaluationOptions options)
    {
        var numeric = SequenceShapes.NumericColumns(training).ToList();
        var lags = options.Lags ?? DefaultLags(table);
        // Windows (when asked) for the accuracy and the per-sequence metrics; whole sequences for the rest.
        SequenceFrame Cut(SequenceFrame frame) => options.Window is { } size ? frame.Windows(size) : frame;
        SequenceFrame realCut = Cut(training), synCut = Cut(synthetic);
        var quality = new SequenceQuality
        {
            Table = table.Name,
            RealEntities = training.Entities.Length,
            SyntheticEntities = synthetic.Entities.Length,
            Window = options.Window,
            Accuracy = SequenceAccuracy.Compute(realCut, synCut, options.Seed),
            AccuracyCeiling = holdout is null ? null : SequenceAccuracy.Compute(realCut, Cut(holdout), options.Seed),
            LengthSimilarity = SequenceShapes.LengthSimilarity(training, synthetic),
            Statistics = [.. numeric.SelectMany(c => SequenceShapes.Statistics.Select(s => (c, s, SequenceShapes.Statistic(realCut, synCut, c, s))))],
            InterRow = [.. numeric.Select(c => (c, SequenceShapes.InterRow(realCut, synCut, c)))],
            Autocorrelation = [.. numeric.SelectMany(c => lags.Select(l => (c, l, SequenceShapes.Autocorrelation(training, c, l), SequenceShapes.Autocorrelation(synthetic, c, l))))],
            OrderHolds = OrderHolds(training, synthetic),
            RealLengths = Histogram(training.Lengths()),
            SyntheticLengths = Histogram(synthetic.Lengths()),
            Samples = Samples(training, synthetic, numeric.FirstOrDefault(c => c != table.Sequence!.Order) ?? numeric.FirstOrDefault(), options),
        };
        return holdout is null ? quality : WithPrivacy(quality, training, synthetic, holdout, options.Seed);
    }

    /// <summary>The entity DCR share and identical shares, with the privacy metrics' own machinery over one row per entity.</summary>
    private static SequenceQuality WithPrivacy(SequenceQuality quality, SequenceFrame training, SequenceFrame synthetic, SequenceFrame holdout, ulong seed)
    {
        int steps = EntityRows.StepsCompared(training);
        var columns = EntityRows.Metadata(training, steps).Columns.ToArray();
        var encoding = PrivacyEncoding.Create(EntityRows.Of(training, steps), EntityRows.Of(holdout, steps), EntityRows.Of(synthetic, steps), columns);
        var identical = new IdenticalMatches(encoding);
        int trainRows = training.Entities.Length, holdoutRows = holdout.Entities.Length;
        int n = Math.Min(trainRows, holdoutRows);
        var options = new PrivacyRiskOptions { Seed = seed };
        var trainCut = RowSampling.Choose(trainRows, n, seed, RowSampling.TrainingCut);
        var holdoutCut = RowSampling.Choose(holdoutRows, n, seed, RowSampling.HoldoutCut);
        var dcr = DistanceToClosest.Compute(encoding, ScanOrder.Of(encoding, seed), trainCut, holdoutCut, options);
        return quality with
        {
            EntityDcrShare = dcr.Share,
            EntityIdenticalShare = identical.Share(PrivacyPart.Synthetic),
            HoldoutEntityIdenticalShare = identical.Share(PrivacyPart.Holdout),
            StepsCompared = steps,
        };
    }

    private static IReadOnlyList<int> DefaultLags(TableMetadata table)
    {
        if (table.Sequence!.Interval is not { } interval) return [1];
        bool date = table.Find(table.Sequence.Order)?.Type == SemanticType.Datetime;
        if (!date) return [1];
        var (ticks, months) = Doppel.Sequences.SequenceInterval.Parse(interval, table.Name, date);
        long period = months == 1 ? 12 : ticks > 0 && ticks < TimeSpan.TicksPerDay && TimeSpan.TicksPerDay % (long)ticks == 0 ? TimeSpan.TicksPerDay / (long)ticks
            : ticks == TimeSpan.TicksPerDay ? 7 : 0;
        return period > 1 ? [1, (int)period] : [1];
    }

    /// <summary>Share of synthetic sequences whose order increases step to step (ties allowed where the real data has them).</summary>
    private static double OrderHolds(SequenceFrame training, SequenceFrame synthetic)
    {
        bool realTies = training.Entities.Any(rows => Enumerable.Range(1, Math.Max(0, rows.Length - 1)).Any(t => training.Order[rows[t]] == training.Order[rows[t - 1]]));
        int held = 0, counted = 0;
        foreach (var rows in synthetic.Entities)
        {
            if (rows.Length == 0) continue;
            counted++;
            bool ok = true;
            for (int t = 1; t < rows.Length && ok; t++)
            {
                // Rows are grouped in order, stably: a later row before an earlier one means the table had them out of order.
                double a = synthetic.Order[rows[t - 1]], b = synthetic.Order[rows[t]];
                ok = rows[t] > rows[t - 1] && (realTies ? b >= a : b > a);
            }
            if (ok) held++;
        }
        return counted == 0 ? 1 : (double)held / counted;
    }

    private static long[] Histogram(int[] lengths)
    {
        var histogram = new long[lengths.Length == 0 ? 0 : lengths.Max() + 1];
        foreach (int length in lengths) histogram[length]++;
        return histogram;
    }

    /// <summary>The first sequences with at least two steps of each side (real in input order, synthetic as generated).</summary>
    private static SequenceSamples? Samples(SequenceFrame training, SequenceFrame synthetic, string? column, SequenceEvaluationOptions options)
    {
        if (column is null || options.SampleSequences < 1) return null;
        double[][] Pick(SequenceFrame frame)
        {
            var values = NumericValues.Read(frame.Steps[column]);
            return [.. frame.Entities.Where(e => e.Length >= 2).Take(options.SampleSequences).Select(e => e.Take(options.SampleSteps).Select(r => values[r]).ToArray())];
        }
        return new SequenceSamples(column, Pick(training), Pick(synthetic));
    }
}
