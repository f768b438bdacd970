using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation.ML;

/// <summary>
/// Machine-learning utility (GUIDE section 4, "Utility (TSTR)"): train on synthetic, test on a real holdout
/// (TSTR), against train on real, test on the same holdout (TRTR), with LightGBM.
/// </summary>
public static class Utility
{
    /// <summary>
    /// Trains one LightGBM model on <paramref name="train"/> (TRTR) and one on <paramref name="synthetic"/>
    /// (TSTR) to predict <paramref name="target"/>, and scores both on <paramref name="holdout"/>.
    /// </summary>
    /// <remarks>
    /// Features are all columns the fidelity scores count (no ids, text or PII) except the target; each model
    /// learns its feature encoding from its own training table. Classification reports ROC AUC (binary: minority
    /// class positive; multiclass: macro one-vs-rest), accuracy, macro-F1 and minority-class F1; regression
    /// reports R². Classes are the real training data's, compared by string. Rows without a target value, and
    /// synthetic or holdout rows whose class the training data lacks, are left out and noted. A class the
    /// synthetic data lacks is noted: the TSTR model is still trained and scored (it never predicts that class); if
    /// the synthetic data holds a single class, the TSTR model predicts it everywhere. Cost: two LightGBM fits on
    /// at most <see cref="UtilityOptions.MaxTrainingRows"/> rows each. Deterministic for a given seed and thread count.
    /// </remarks>
    /// <exception cref="DoppelException">
    /// Usage: the target does not exist or is an id, text or PII column; regression was asked of a non-numeric
    /// target. Data: the target is constant in the training data, a table lacks a column, or no row is left.
    /// </exception>
    public static UtilityResult Compute(Table train, Table holdout, Table synthetic, TableMetadata metadata, string target, UtilityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(holdout);
        ArgumentNullException.ThrowIfNull(synthetic);
        ArgumentNullException.ThrowIfNull(metadata);
        options ??= new UtilityOptions();
        options.Validate();
        HoldoutModel.Target(metadata, target);
        var features = HoldoutModel.Features(metadata, target);
        var trainTarget = ColumnValues.Require(train, target, "training");
        var holdoutTarget = ColumnValues.Require(holdout, target, "holdout");
        var syntheticTarget = ColumnValues.Require(synthetic, target, "synthetic");
        var task = Decide(options.Task, trainTarget);
        var notes = new List<string>();
        return task == PredictionTask.Classification
            ? Classify(train, holdout, synthetic, trainTarget, holdoutTarget, syntheticTarget, features, options, notes)
            : Regress(train, holdout, synthetic, trainTarget, holdoutTarget, syntheticTarget, features, options, notes);
    }

    /// <summary>Resolves <see cref="PredictionTask.Auto"/> (see there).</summary>
    internal static PredictionTask Decide(PredictionTask requested, Column target)
    {
        if (requested == PredictionTask.Regression && !ColumnValues.IsNumeric(target))
            throw new DoppelException(ErrorKind.Usage, $"Regression needs a numerical or datetime target; '{target.Name}' holds {target.Kind} values.");
        if (requested != PredictionTask.Auto) return requested;
        if (target is DateTimeColumn) return PredictionTask.Regression;
        if (target is not NumberColumn numbers) return PredictionTask.Classification;
        var distinct = new HashSet<double>();
        for (int i = 0; i < numbers.Length; i++)
        {
            if (numbers.IsNull(i)) continue;
            double x = numbers.Values[i];
            if (x != Math.Floor(x) || (distinct.Add(x) && distinct.Count > 10)) return PredictionTask.Regression;
        }
        return PredictionTask.Classification;
    }

    private static UtilityResult Classify(Table train, Table holdout, Table synthetic, Column trainTarget, Column holdoutTarget, Column syntheticTarget,
        ColumnMetadata[] features, UtilityOptions options, List<string> notes)
    {
        string target = trainTarget.Name;
        var classes = TargetClasses.Learn(trainTarget);
        if (classes.Names.Length < 2)
            throw new DoppelException(ErrorKind.Data, classes.Names.Length == 0
                ? $"The target '{target}' has no value in the training data."
                : $"The target '{target}' is constant in the training data (every value is '{classes.Names[0]}'); utility needs at least two classes.");
        int k = classes.Names.Length;
        var trainCodes = classes.Encode(trainTarget);
        var syntheticCodes = classes.Encode(syntheticTarget);
        var holdoutCodes = classes.Encode(holdoutTarget);
        var trainRows = Cap(HoldoutModel.KnownRows(trainCodes, trainTarget, "training", notes), options, 11, "training", notes);
        var syntheticRows = Cap(HoldoutModel.KnownRows(syntheticCodes, syntheticTarget, "synthetic", notes), options, 12, "synthetic", notes);
        var holdoutRows = HoldoutModel.KnownRows(holdoutCodes, holdoutTarget, "holdout", notes);
        if (syntheticRows.Length == 0)
            throw new DoppelException(ErrorKind.Data, $"No synthetic row has a '{target}' value of the real training data's classes ({ColumnValues.List(classes.Names)}).");
        if (holdoutRows.Length == 0)
            throw new DoppelException(ErrorKind.Data, $"No holdout row has a '{target}' value of the real training data's classes ({ColumnValues.List(classes.Names)}).");

        var present = new bool[k];
        foreach (int row in syntheticRows) present[syntheticCodes[row]] = true;
        var absent = Enumerable.Range(0, k).Where(c => !present[c]).Select(c => classes.Names[c]).ToArray();
        if (absent.Length > 0)
            notes.Add($"Class{(absent.Length > 1 ? "es" : "")} {ColumnValues.List(absent)} of '{target}' never occur{(absent.Length > 1 ? "" : "s")} in the synthetic data; the TSTR model cannot predict {(absent.Length > 1 ? "them" : "it")}.");

        var task = k == 2 ? TaskKind.Binary : TaskKind.Multiclass;
        int seed = Seeds.LightGbm(options.Seed);
        var trainLabels = Array.ConvertAll(trainCodes, c => (double)c);
        var syntheticLabels = Array.ConvertAll(syntheticCodes, c => (double)c);
        var truth = Array.ConvertAll(holdoutRows, r => holdoutCodes[r]);
        var (real, _) = HoldoutModel.TrainAndPredict(train, "training", trainRows, trainLabels, holdout, holdoutRows, features, task, k, options.LightGbm, seed);
        var (syn, constant) = HoldoutModel.TrainAndPredict(synthetic, "synthetic", syntheticRows, syntheticLabels, holdout, holdoutRows, features, task, k, options.LightGbm, seed);
        if (constant)
            notes.Add($"The synthetic data holds only class '{classes.Names[syntheticCodes[syntheticRows[0]]]}' of '{target}'; the TSTR model predicts it for every row.");

        var trtr = ClassificationScores(real, truth, k, classes.Minority);
        var tstr = ClassificationScores(syn, truth, k, classes.Minority);
        return new UtilityResult
        {
            Target = target,
            Task = PredictionTask.Classification,
            Classes = classes.Names,
            MinorityClass = classes.Names[classes.Minority],
            Trtr = trtr,
            Tstr = tstr,
            Ratio = UtilityScores.Divide(tstr, trtr),
            TrainRows = trainRows.Length,
            SyntheticRows = syntheticRows.Length,
            HoldoutRows = holdoutRows.Length,
            Notes = notes,
        };
    }

    /// <summary>Scores predictions laid out as <see cref="GbmModel.Predict"/> returns them against the true class indices.</summary>
    internal static UtilityScores ClassificationScores(float[] predictions, int[] truth, int classCount, int minority)
    {
        int n = truth.Length;
        var predicted = new int[n];
        double auc;
        if (classCount == 2)
        {
            for (int i = 0; i < n; i++) predicted[i] = predictions[i] >= 0.5f ? 1 : 0;
            auc = Metrics.Auc(predictions, Array.ConvertAll(truth, t => t == 1));
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                var row = predictions.AsSpan(i * classCount, classCount);
                int best = 0;
                for (int c = 1; c < classCount; c++) if (row[c] > row[best]) best = c;
                predicted[i] = best;
            }
            // Macro one-vs-rest AUC over the classes that have both positives and negatives in the holdout.
            var column = new float[n];
            double sum = 0;
            int counted = 0;
            for (int c = 0; c < classCount; c++)
            {
                for (int i = 0; i < n; i++) column[i] = predictions[i * classCount + c];
                double a = Metrics.Auc(column, Array.ConvertAll(truth, t => t == c));
                if (double.IsNaN(a)) continue;
                sum += a;
                counted++;
            }
            auc = counted == 0 ? double.NaN : sum / counted;
        }
        return new UtilityScores
        {
            Auc = OrNull(auc),
            Accuracy = Metrics.Accuracy(truth, predicted),
            MacroF1 = OrNull(Metrics.MacroF1(truth, predicted, classCount)),
            MinorityF1 = OrNull(Metrics.F1(truth, predicted, minority)),
        };
    }

    private static UtilityResult Regress(Table train, Table holdout, Table synthetic, Column trainTarget, Column holdoutTarget, Column syntheticTarget,
        ColumnMetadata[] features, UtilityOptions options, List<string> notes)
    {
        string target = trainTarget.Name;
        // Datetimes are regressed in days since the training data's earliest value, which keeps float precision.
        double origin = 0;
        if (trainTarget is DateTimeColumn)
        {
            origin = double.PositiveInfinity;
            for (int i = 0; i < trainTarget.Length; i++)
            {
                double days = ColumnValues.Number(trainTarget, i);
                if (days < origin) origin = days;
            }
            if (double.IsPositiveInfinity(origin)) origin = 0;
        }
        var trainValues = Values(trainTarget, origin, "training");
        var syntheticValues = Values(syntheticTarget, origin, "synthetic");
        var holdoutValues = Values(holdoutTarget, origin, "holdout");
        var trainRows = Cap(Present(trainValues, trainTarget, "training", notes), options, 11, "training", notes);
        var syntheticRows = Cap(Present(syntheticValues, syntheticTarget, "synthetic", notes), options, 12, "synthetic", notes);
        var holdoutRows = Present(holdoutValues, holdoutTarget, "holdout", notes);
        if (trainRows.Length == 0) throw new DoppelException(ErrorKind.Data, $"The target '{target}' has no value in the training data.");
        if (trainRows.All(r => trainValues[r] == trainValues[trainRows[0]]))
            throw new DoppelException(ErrorKind.Data, $"The target '{target}' is constant in the training data; there is nothing to predict.");
        if (syntheticRows.Length == 0) throw new DoppelException(ErrorKind.Data, $"The target '{target}' has no value in the synthetic data.");
        if (holdoutRows.Length == 0) throw new DoppelException(ErrorKind.Data, $"The target '{target}' has no value in the holdout data.");

        int seed = Seeds.LightGbm(options.Seed);
        var truth = Array.ConvertAll(holdoutRows, r => holdoutValues[r]);
        var (real, _) = HoldoutModel.TrainAndPredict(train, "training", trainRows, trainValues, holdout, holdoutRows, features, TaskKind.Regression, 1, options.LightGbm, seed);
        var (syn, constant) = HoldoutModel.TrainAndPredict(synthetic, "synthetic", syntheticRows, syntheticValues, holdout, holdoutRows, features, TaskKind.Regression, 1, options.LightGbm, seed);
        if (constant) notes.Add($"The target '{target}' is constant in the synthetic data; the TSTR model predicts that value for every row.");
        var trtr = new UtilityScores { R2 = OrNull(Metrics.R2(truth, real)) };
        var tstr = new UtilityScores { R2 = OrNull(Metrics.R2(truth, syn)) };
        return new UtilityResult
        {
            Target = target,
            Task = PredictionTask.Regression,
            Classes = [],
            Trtr = trtr,
            Tstr = tstr,
            Ratio = UtilityScores.Divide(tstr, trtr),
            TrainRows = trainRows.Length,
            SyntheticRows = syntheticRows.Length,
            HoldoutRows = holdoutRows.Length,
            Notes = notes,
        };
    }

    private static double[] Values(Column column, double origin, string role)
    {
        if (!ColumnValues.IsNumeric(column))
            throw new DoppelException(ErrorKind.Data, $"The target '{column.Name}' of the {role} table holds {column.Kind} values where numbers were expected; give all tables the same metadata.");
        var values = new double[column.Length];
        for (int i = 0; i < values.Length; i++) values[i] = ColumnValues.Number(column, i, column is DateTimeColumn ? origin : 0);
        return values;
    }

    private static int[] Present(double[] values, Column column, string role, List<string> notes)
    {
        var rows = Enumerable.Range(0, values.Length).Where(i => !double.IsNaN(values[i])).ToArray();
        if (rows.Length < values.Length) notes.Add($"{values.Length - rows.Length} {role} rows without a '{column.Name}' value are left out.");
        return rows;
    }

    private static int[] Cap(int[] rows, UtilityOptions options, ulong stream, string role, List<string> notes)
    {
        if (rows.Length <= options.MaxTrainingRows) return rows;
        notes.Add($"The {role} model learns from a seeded subsample of {options.MaxTrainingRows} of {rows.Length} rows.");
        var sample = RowSampling.Subsample(rows, options.MaxTrainingRows, options.Seed, stream);
        Array.Sort(sample);
        return sample;
    }

    private static double? OrNull(double x) => double.IsNaN(x) ? null : x;
}
