using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation.ML;

/// <summary>
/// Detection (GUIDE section 4): a LightGBM classifier learns to tell real rows from synthetic ones under stratified
/// k-fold cross-validation; its ROC AUC on held-out rows measures how distinguishable the synthetic data is.
/// </summary>
public static class Detection
{
    /// <summary>
    /// Computes the detection AUC of <paramref name="synthetic"/> against <paramref name="real"/>.
    /// </summary>
    /// <remarks>
    /// Both tables are cut to the same number of rows (the smaller size, at most
    /// <see cref="DetectionOptions.MaxRowsPerClass"/>) by a seeded subsample, so the classes are balanced. Every
    /// column the fidelity scores count is a feature (id, text and PII columns are left out); the encoding is
    /// learned from the real table. Cost: one LightGBM model per fold on (k−1)/k of the rows; the importance of each
    /// column is measured by shuffling it on those models' held-out rows and the surest synthetic rows from their out-of-fold scores, so
    /// explaining the detector costs no extra fit. Deterministic for a
    /// given <see cref="DetectionOptions.Seed"/> and <see cref="LightGbmOptions.Threads"/>.
    /// </remarks>
    /// <exception cref="DoppelException">No column can be a feature, a table lacks a column, or a table has fewer rows than folds.</exception>
    public static DetectionResult Compute(Table real, Table synthetic, TableMetadata metadata, DetectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        ArgumentNullException.ThrowIfNull(metadata);
        options ??= new DetectionOptions();
        options.Validate();
        var columns = metadata.Columns.Where(Binning.Scored).ToArray();
        if (columns.Length == 0) throw new DoppelException(ErrorKind.Data, "Detection has no feature: every column is an id, text or PII.");
        int n = Math.Min(Math.Min(real.RowCount, synthetic.RowCount), options.MaxRowsPerClass);
        if (n < options.Folds)
            throw new DoppelException(ErrorKind.Data,
                $"Detection with {options.Folds} folds needs at least {options.Folds} rows in each table; the real table has {real.RowCount} and the synthetic one {synthetic.RowCount}.");

        var realRows = RowSampling.Subsample(RowSampling.All(real.RowCount), n, options.Seed, 1);
        var syntheticRows = RowSampling.Subsample(RowSampling.All(synthetic.RowCount), n, options.Seed, 2);
        var featurizer = Featurizer.Learn(real, columns, "real");
        var features = FeatureMatrix.Concat(featurizer.Apply(real, "real", realRows), featurizer.Apply(synthetic, "synthetic", syntheticRows));
        var labels = new double[2 * n];
        labels.AsSpan(n).Fill(1);

        // The subsamples come out in random order, so row i of each class goes to fold i mod k: stratified, random.
        var foldAucs = new double[options.Folds];
        var outOfFold = new float[2 * n];
        var names = featurizer.Columns.ToArray();
        var drops = new double[names.Length];
        int seed = Seeds.LightGbm(options.Seed);
        for (int fold = 0; fold < options.Folds; fold++)
        {
            var train = new List<int>(2 * n);
            var test = new List<int>(2 * n / options.Folds + 2);
            for (int row = 0; row < 2 * n; row++)
                ((row % n) % options.Folds == fold ? test : train).Add(row);
            var model = GbmModel.Train(features, [.. train], labels, TaskKind.Binary, 2, options.LightGbm, seed);
            var scores = model.Predict(features, [.. test]);
            var isSynthetic = test.Select(row => row >= n).ToArray();
            foldAucs[fold] = Metrics.Auc(scores, isSynthetic);
            for (int i = 0; i < test.Count; i++) outOfFold[test[i]] = scores[i];
            var foldDrops = PermutationDrops(model, features, test, n, options, fold);
            for (int c = 0; c < names.Length; c++) drops[c] += foldDrops[c] / options.Folds;
        }
        return new DetectionResult(foldAucs.Average(), foldAucs, n)
        {
            Features = [.. names.Select((name, c) => new DetectionFeature(name, drops[c]))
                .OrderByDescending(f => f.Importance).ThenBy(f => f.Column, StringComparer.Ordinal)],
            SurestSynthetic = Surest(outOfFold, n, syntheticRows, options.SurestRows),
        };
    }

    /// <summary>
    /// Permutation importance on the fold's held-out rows (at most <see cref="DetectionOptions.ImportanceRows"/>,
    /// half of each class): per column, the AUC lost when that column's values are shuffled among those rows, which
    /// breaks what the column tells the model while keeping its distribution. Reuses the fold's model: no extra fit.
    /// </summary>
    private static double[] PermutationDrops(GbmModel model, FeatureMatrix features, List<int> test, int n, DetectionOptions options, int fold)
    {
        int perClass = options.ImportanceRows / 2;
        int[] rows = [.. test.Where(row => (row % n) / options.Folds < perClass)];
        var held = features.Select(rows);
        var isSynthetic = rows.Select(row => row >= n).ToArray();
        var all = RowSampling.All(rows.Length);
        double baseline = Metrics.Auc(model.Predict(held, all), isSynthetic);
        var columns = features.Columns;
        var drops = new double[columns];
        for (int c = 0; c < columns; c++)
        {
            var shuffled = RowSampling.Subsample(all, rows.Length, options.Seed, 3 + (ulong)(fold * columns + c));
            drops[c] = baseline - Metrics.Auc(model.Predict(held.WithFeatureFrom(c, shuffled), all), isSynthetic);
        }
        return drops;
    }

    /// <summary>The synthetic rows (feature rows n..2n−1) with the highest out-of-fold scores; ties by row.</summary>
    private static SuspectRow[] Surest(float[] outOfFold, int n, int[] syntheticRows, int count) =>
        [.. Enumerable.Range(n, n).OrderByDescending(row => outOfFold[row]).ThenBy(row => syntheticRows[row - n]).Take(count)
            .Select(row => new SuspectRow(syntheticRows[row - n], outOfFold[row]))];
}
