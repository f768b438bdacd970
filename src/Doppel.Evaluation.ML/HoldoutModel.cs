using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation.ML;

/// <summary>Trains one LightGBM model on some rows of a table and predicts rows of the real holdout.</summary>
internal static class HoldoutModel
{
    /// <summary>
    /// Learns the feature encoding from rows <paramref name="trainRows"/> of <paramref name="train"/> (its own
    /// dictionary: categories it lacks map to "other" in the holdout), trains on them with
    /// <paramref name="labels"/> (indexed by table row) and predicts rows <paramref name="holdoutRows"/> of
    /// <paramref name="holdout"/>. Returns the predictions as <see cref="GbmModel.Predict"/> lays them out.
    /// </summary>
    public static (float[] Predictions, bool Constant) TrainAndPredict(
        Table train, string role, int[] trainRows, double[] labels, Table holdout, int[] holdoutRows,
        IReadOnlyList<ColumnMetadata> features, TaskKind task, int classCount, LightGbmOptions options, int seed)
    {
        var featurizer = Featurizer.Learn(train, features, role, trainRows);
        var matrix = featurizer.Apply(train, role, trainRows);
        var rowLabels = new double[trainRows.Length];
        for (int i = 0; i < trainRows.Length; i++) rowLabels[i] = labels[trainRows[i]];
        var model = GbmModel.Train(matrix, RowSampling.All(trainRows.Length), rowLabels, task, classCount, options, seed);
        var test = featurizer.Apply(holdout, "holdout", holdoutRows);
        return (model.Predict(test, RowSampling.All(holdoutRows.Length)), model.IsConstant);
    }

    /// <summary>The feature columns: every column the fidelity scores count except the target.</summary>
    public static ColumnMetadata[] Features(TableMetadata metadata, string target)
    {
        var features = metadata.Columns.Where(c => Binning.Scored(c) && c.Name != target).ToArray();
        return features.Length > 0
            ? features
            : throw new DoppelException(ErrorKind.Data, $"No column but the target '{target}' can be a feature: the others are ids, text or PII.");
    }

    /// <summary>The target's metadata, or a usage error naming it and listing the columns; ids, text and PII cannot be targets.</summary>
    public static ColumnMetadata Target(TableMetadata metadata, string target)
    {
        var meta = ColumnValues.RequireNamed(metadata, target, "target");
        return Binning.Scored(meta)
            ? meta
            : throw new DoppelException(ErrorKind.Usage, $"The target column '{target}' is {meta.TypeName}; ids, text and PII cannot be predicted.");
    }

    /// <summary>The rows whose code is a known class (≥ 0), noting nulls and unknown labels.</summary>
    public static int[] KnownRows(int[] codes, Column column, string role, List<string> notes)
    {
        var rows = new List<int>(codes.Length);
        int nulls = 0;
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        int unknownRows = 0;
        for (int i = 0; i < codes.Length; i++)
        {
            if (codes[i] >= 0) rows.Add(i);
            else if (codes[i] == -1) nulls++;
            else
            {
                unknownRows++;
                if (unknown.Count < 5) unknown.Add(ColumnValues.Label(column, i)!);
            }
        }
        if (nulls > 0) notes.Add($"{nulls} {role} rows without a '{column.Name}' value are left out.");
        if (unknownRows > 0)
            notes.Add($"{unknownRows} {role} rows have a '{column.Name}' value the real training data lacks ({ColumnValues.List(unknown)}{(unknown.Count == 5 ? ", ..." : "")}); they are left out.");
        return [.. rows];
    }
}
