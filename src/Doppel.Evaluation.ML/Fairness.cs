using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation.ML;

/// <summary>
/// Group fairness of synthetic data against real data: group shares and positive-outcome rates per sensitive
/// group (demographic parity difference, disparate impact ratio) and, with a real holdout, the error rates by
/// group of a model trained on real data (TRTR) and of one trained on synthetic data (TSTR) (equalized odds).
/// </summary>
public static class Fairness
{
    /// <summary>Most groups a sensitive column may have; a column with more should be binned into a categorical first.</summary>
    public const int MaxGroups = 100;

    /// <summary>
    /// Computes fairness measures of <paramref name="target"/> for each column in <paramref name="sensitive"/>.
    /// </summary>
    /// <param name="real">The real (training) data.</param>
    /// <param name="synthetic">The synthetic data.</param>
    /// <param name="metadata">Column types (features for the holdout models: every scored column but the target).</param>
    /// <param name="target">The outcome: categorical, boolean, or numerical with at most 10 whole values.</param>
    /// <param name="sensitive">The columns whose values form the groups (categories, booleans or few values).</param>
    /// <param name="holdout">A real holdout; when given, two LightGBM models are trained and their rates by group compared.</param>
    /// <param name="options">Positive class, seed and model settings.</param>
    /// <remarks>
    /// Groups and outcomes are compared by string across tables. Rows without a group value are left out of that
    /// column's measures, rows without a target value out of the rates; both are noted. The positive class is
    /// the minority class of a binary target unless <see cref="FairnessOptions.PositiveClass"/> names one, which a
    /// target of more classes needs (it is then read one-vs-rest). The holdout models predict "positive" against
    /// "not positive" and call a row positive when its probability is at least ½. Cost: without a holdout, counting
    /// only; with one, two LightGBM fits. Deterministic for a given seed and thread count.
    /// </remarks>
    /// <exception cref="DoppelException">
    /// Usage: the target or a sensitive column does not exist, the positive class is not a target value, a column
    /// is both target and sensitive, or a sensitive column has more than <see cref="MaxGroups"/> values in the real data. Data: the
    /// target is constant or has more than two classes without a positive class, a sensitive column has a single
    /// group in the real data, or a table lacks a column.
    /// </exception>
    public static FairnessResult Compute(Table real, Table synthetic, TableMetadata metadata, string target, IReadOnlyList<string> sensitive,
        Table? holdout = null, FairnessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(sensitive);
        options ??= new FairnessOptions();
        options.Validate();
        HoldoutModel.Target(metadata, target);
        if (sensitive.Count == 0) throw new DoppelException(ErrorKind.Usage, "Fairness needs at least one sensitive column.");
        foreach (string name in sensitive)
        {
            ColumnValues.RequireNamed(metadata, name, "sensitive");
            if (name == target) throw new DoppelException(ErrorKind.Usage, $"The column '{name}' cannot be both the target and a sensitive column.");
        }
        var realTarget = ColumnValues.Require(real, target, "real");
        var syntheticTarget = ColumnValues.Require(synthetic, target, "synthetic");
        if (Utility.Decide(PredictionTask.Auto, realTarget) == PredictionTask.Regression)
            throw new DoppelException(ErrorKind.Data,
                $"The target '{target}' holds continuous {realTarget.Kind} values; fairness rates need a categorical or boolean outcome (or a number with at most 10 whole values).");

        var classes = TargetClasses.Learn(realTarget);
        if (classes.Names.Length < 2)
            throw new DoppelException(ErrorKind.Data, $"The target '{target}' is constant in the real data; fairness rates need at least two outcomes.");
        string positive = PositiveClass(classes, target, options.PositiveClass);
        var notes = new List<string>();
        var realOutcome = Outcomes(realTarget, positive, "real", notes);
        var syntheticOutcome = Outcomes(syntheticTarget, positive, "synthetic", notes);

        (int[] Rows, bool[] Truth, bool[] Trtr, bool[] Tstr)? predictions = null;
        if (holdout is not null)
            predictions = PredictHoldout(real, synthetic, holdout, metadata, target, positive, realOutcome, syntheticOutcome, options, notes);

        var columns = new List<SensitiveColumnFairness>(sensitive.Count);
        foreach (string name in sensitive)
            columns.Add(Measure(name, real, synthetic, holdout, realOutcome, syntheticOutcome, predictions, notes));
        return new FairnessResult { Target = target, PositiveClass = positive, Columns = columns, Notes = notes };
    }

    private static string PositiveClass(TargetClasses classes, string target, string? requested)
    {
        if (requested is not null)
            return classes.IndexOf(requested) >= 0
                ? requested
                : throw new DoppelException(ErrorKind.Usage, $"The positive class '{requested}' is not a value of the target '{target}'; its values are {ColumnValues.List(classes.Names)}.");
        if (classes.Names.Length > 2)
            throw new DoppelException(ErrorKind.Data,
                $"The target '{target}' has {classes.Names.Length} classes ({ColumnValues.List(classes.Names.Take(10))}); fairness rates need a binary target, or a positive class (FairnessOptions.PositiveClass) to read it one-vs-rest.");
        return classes.Names[classes.Minority];
    }

    /// <summary>Per row: 1 when the target is the positive class, 0 when another value, NaN when null.</summary>
    private static double[] Outcomes(Column column, string positive, string role, List<string> notes)
    {
        var result = new double[column.Length];
        int nulls = 0;
        for (int i = 0; i < result.Length; i++)
        {
            string? label = ColumnValues.Label(column, i);
            if (label is null) nulls++;
            result[i] = label is null ? double.NaN : label == positive ? 1 : 0;
        }
        if (nulls > 0) notes.Add($"{nulls} {role} rows without a '{column.Name}' value are left out of the rates.");
        return result;
    }

    private static (int[] Rows, bool[] Truth, bool[] Trtr, bool[] Tstr) PredictHoldout(Table real, Table synthetic, Table holdout, TableMetadata metadata,
        string target, string positive, double[] realOutcome, double[] syntheticOutcome, FairnessOptions options, List<string> notes)
    {
        var features = HoldoutModel.Features(metadata, target);
        var holdoutOutcome = Outcomes(ColumnValues.Require(holdout, target, "holdout"), positive, "holdout", notes);
        var holdoutRows = Enumerable.Range(0, holdout.RowCount).Where(i => !double.IsNaN(holdoutOutcome[i])).ToArray();
        var realRows = Cap(Enumerable.Range(0, real.RowCount).Where(i => !double.IsNaN(realOutcome[i])).ToArray(), options, 21);
        var syntheticRows = Cap(Enumerable.Range(0, synthetic.RowCount).Where(i => !double.IsNaN(syntheticOutcome[i])).ToArray(), options, 22);
        if (holdoutRows.Length == 0) throw new DoppelException(ErrorKind.Data, $"No holdout row has a '{target}' value.");
        if (syntheticRows.Length == 0) throw new DoppelException(ErrorKind.Data, $"No synthetic row has a '{target}' value.");
        int seed = Seeds.LightGbm(options.Seed);
        var (trtr, _) = HoldoutModel.TrainAndPredict(real, "real", realRows, realOutcome, holdout, holdoutRows, features, TaskKind.Binary, 2, options.LightGbm, seed);
        var (tstr, constant) = HoldoutModel.TrainAndPredict(synthetic, "synthetic", syntheticRows, syntheticOutcome, holdout, holdoutRows, features, TaskKind.Binary, 2, options.LightGbm, seed);
        if (constant)
            notes.Add($"The synthetic '{target}' is {(syntheticOutcome[syntheticRows[0]] == 1 ? "always" : "never")} '{positive}'; the TSTR model predicts that for every row.");
        return (holdoutRows, Array.ConvertAll(holdoutRows, r => holdoutOutcome[r] == 1), Array.ConvertAll(trtr, p => p >= 0.5f), Array.ConvertAll(tstr, p => p >= 0.5f));
    }

    private static int[] Cap(int[] rows, FairnessOptions options, ulong stream)
    {
        if (rows.Length <= options.MaxTrainingRows) return rows;
        var sample = RowSampling.Subsample(rows, options.MaxTrainingRows, options.Seed, stream);
        Array.Sort(sample);
        return sample;
    }

    private static SensitiveColumnFairness Measure(string name, Table real, Table synthetic, Table? holdout, double[] realOutcome, double[] syntheticOutcome,
        (int[] Rows, bool[] Truth, bool[] Trtr, bool[] Tstr)? predictions, List<string> notes)
    {
        var realColumn = ColumnValues.Require(real, name, "real");
        var syntheticColumn = ColumnValues.Require(synthetic, name, "synthetic");
        // Groups: the real data's values by falling frequency (ties by string), then values only other tables have.
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < realColumn.Length; i++)
            if (ColumnValues.Label(realColumn, i) is { } label) counts[label] = counts.GetValueOrDefault(label) + 1;
        if (counts.Count > MaxGroups)
            throw new DoppelException(ErrorKind.Usage, $"The sensitive column '{name}' has {counts.Count} distinct values (at most {MaxGroups} make groups); bin it into a categorical column first.");
        if (counts.Count < 2)
            throw new DoppelException(ErrorKind.Data,
                $"The sensitive column '{name}' needs at least two groups; the real data has {(counts.Count == 0 ? "no value" : $"only '{counts.Keys.Single()}'")}.");
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)) groups[pair.Key] = groups.Count;
        var realGroups = Groups(realColumn, groups, "real", notes);
        var syntheticGroups = Groups(syntheticColumn, groups, "synthetic", notes);
        GroupErrorRates[]? trtr = null, tstr = null;
        if (predictions is { } predicted)
        {
            var all = Groups(ColumnValues.Require(holdout!, name, "holdout"), groups, "holdout", notes);
            var holdoutGroups = Array.ConvertAll(predicted.Rows, r => all[r]);
            trtr = ErrorRates(holdoutGroups, predicted.Truth, predicted.Trtr, groups.Count);
            tstr = ErrorRates(holdoutGroups, predicted.Truth, predicted.Tstr, groups.Count);
        }

        int k = groups.Count;
        var (realRows, realRates) = Rates(realGroups, realOutcome, k);
        var (syntheticRows, syntheticRates) = Rates(syntheticGroups, syntheticOutcome, k);
        int realTotal = realRows.Sum(), syntheticTotal = syntheticRows.Sum();
        var names = groups.OrderBy(q => q.Value).Select(q => q.Key).ToArray();
        var missing = Enumerable.Range(0, k).Where(g => realRows[g] > 0 && syntheticRows[g] == 0).Select(g => names[g]).ToArray();
        if (missing.Length > 0) notes.Add($"Group{(missing.Length > 1 ? "s" : "")} {ColumnValues.List(missing)} of '{name}' never occur{(missing.Length > 1 ? "" : "s")} in the synthetic data.");

        var list = new List<GroupFairness>(k);
        for (int g = 0; g < k; g++)
        {
            list.Add(new GroupFairness
            {
                Group = names[g],
                RealRows = realRows[g],
                SyntheticRows = syntheticRows[g],
                RealShare = realTotal == 0 ? 0 : (double)realRows[g] / realTotal,
                SyntheticShare = syntheticTotal == 0 ? 0 : (double)syntheticRows[g] / syntheticTotal,
                RealPositiveRate = realRates[g],
                SyntheticPositiveRate = syntheticRates[g],
                Trtr = trtr?[g],
                Tstr = tstr?[g],
            });
        }
        return new SensitiveColumnFairness
        {
            Column = name,
            Groups = list,
            RealParityDifference = Range(realRates),
            SyntheticParityDifference = Range(syntheticRates),
            RealDisparateImpact = Ratio(realRates),
            SyntheticDisparateImpact = Ratio(syntheticRates),
            TrtrEqualizedOddsDifference = trtr is null ? null : EqualizedOdds(trtr),
            TstrEqualizedOddsDifference = tstr is null ? null : EqualizedOdds(tstr),
        };
    }

    /// <summary>The group index of every row (−1 for null), adding values seen first here to <paramref name="groups"/>; notes nulls.</summary>
    private static int[] Groups(Column column, Dictionary<string, int> groups, string role, List<string> notes)
    {
        var result = new int[column.Length];
        int nulls = 0;
        for (int i = 0; i < result.Length; i++)
        {
            if (ColumnValues.Label(column, i) is not { } label) { result[i] = -1; nulls++; continue; }
            if (!groups.TryGetValue(label, out int g)) groups[label] = g = groups.Count;
            result[i] = g;
        }
        if (nulls > 0) notes.Add($"{nulls} {role} rows without a '{column.Name}' value are left out of its groups.");
        return result;
    }

    /// <summary>Rows per group (with a group value) and the positive rate per group among rows with a target value.</summary>
    private static (int[] Rows, double?[] Rates) Rates(int[] groups, double[] outcome, int k)
    {
        var rows = new int[k];
        var counted = new int[k];
        var positives = new int[k];
        for (int i = 0; i < groups.Length; i++)
        {
            int g = groups[i];
            if (g < 0) continue;
            rows[g]++;
            if (double.IsNaN(outcome[i])) continue;
            counted[g]++;
            if (outcome[i] == 1) positives[g]++;
        }
        var rates = new double?[k];
        for (int g = 0; g < k; g++) rates[g] = counted[g] == 0 ? null : (double)positives[g] / counted[g];
        return (rows, rates);
    }

    private static GroupErrorRates[] ErrorRates(int[] groups, bool[] truth, bool[] predicted, int k)
    {
        var tp = new int[k];
        var fn = new int[k];
        var fp = new int[k];
        var tn = new int[k];
        for (int i = 0; i < groups.Length; i++)
        {
            int g = groups[i];
            if (g < 0) continue;
            if (truth[i]) { if (predicted[i]) tp[g]++; else fn[g]++; }
            else if (predicted[i]) fp[g]++;
            else tn[g]++;
        }
        var result = new GroupErrorRates[k];
        for (int g = 0; g < k; g++)
        {
            result[g] = new GroupErrorRates(tp[g] + fn[g] + fp[g] + tn[g],
                tp[g] + fn[g] == 0 ? null : (double)tp[g] / (tp[g] + fn[g]),
                fp[g] + tn[g] == 0 ? null : (double)fp[g] / (fp[g] + tn[g]));
        }
        return result;
    }

    /// <summary>max − min over the defined values; null when fewer than two are defined.</summary>
    private static double? Range(IEnumerable<double?> values)
    {
        var defined = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        return defined.Length < 2 ? null : defined.Max() - defined.Min();
    }

    /// <summary>min / max over the defined values; null when fewer than two are defined or the max is 0.</summary>
    private static double? Ratio(IEnumerable<double?> values)
    {
        var defined = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        return defined.Length < 2 || defined.Max() == 0 ? null : defined.Min() / defined.Max();
    }

    private static double? EqualizedOdds(GroupErrorRates[] rates)
    {
        double? tpr = Range(rates.Select(r => r.TruePositiveRate));
        double? fpr = Range(rates.Select(r => r.FalsePositiveRate));
        return tpr is null && fpr is null ? null : Math.Max(tpr ?? 0, fpr ?? 0);
    }
}
