using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;

namespace Doppel.Evaluation.ML.Tests;

public class FeaturizerTests
{
    private static readonly LightGbmOptions OneSplit = new() { Iterations = 1, Leaves = 2, LearningRate = 1 };

    [Fact]
    public void Featurizer_CategoriesIncludingNull_SplitAsOneCategoricalFeature()
    {
        // Label 1 for {c3, c7, null}: one categorical split separates it; a one-hot (numeric) split could not.
        int n = 4000;
        var random = new RandomStream(1, 1);
        var codes = new int[n];
        var labels = new double[n];
        var validity = new Validity(n);
        for (int i = 0; i < n; i++)
        {
            int c = random.NextInt(11);
            labels[i] = c is 3 or 7 or 10 ? 1 : 0;
            if (c == 10) validity.Set(i, false);
            codes[i] = c == 10 ? 0 : c;
        }
        var table = new Table([new CategoryColumn("c", codes, [.. Enumerable.Range(0, 10).Select(i => "c" + i)], validity)]);
        var features = Featurizer.Learn(table, [new ColumnMetadata("c", SemanticType.Categorical)], "real").Apply(table, "real");
        Assert.Equal(12, features.Width); // 10 categories + other + null
        Assert.Equal([0, 11], features.CategoricalRanges);
        Assert.Equal(1.0, Accuracy(features, labels));
    }

    [Fact]
    public void Featurizer_NullNumbers_RoutedAsMissing()
    {
        int n = 4000;
        var random = new RandomStream(1, 2);
        var x = new double[n];
        var labels = new double[n];
        var validity = new Validity(n);
        for (int i = 0; i < n; i++)
        {
            x[i] = random.NextDouble();
            bool missing = random.NextDouble() < 0.2;
            if (missing) validity.Set(i, false);
            labels[i] = missing || x[i] < 0.2 ? 1 : 0;
        }
        var table = new Table([new NumberColumn("x", x, validity)]);
        var features = Featurizer.Learn(table, [new ColumnMetadata("x", SemanticType.Numerical)], "real").Apply(table, "real");
        Assert.True(Accuracy(features, labels) > 0.995);
    }

    [Fact]
    public void Featurizer_OtherTable_MatchesCategoriesByString_UnseenToOther()
    {
        var training = new Table([new CategoryColumn("c", [0, 0, 1], ["a", "b"]), new BooleanColumn("b", [true, false, true])]);
        var other = new Table([new CategoryColumn("c", [0, 1, 2], ["b", "z", "a"]), new BooleanColumn("b", [false, false, true])]);
        var featurizer = Featurizer.Learn(training, [new ColumnMetadata("c", SemanticType.Categorical), new ColumnMetadata("b", SemanticType.Boolean)], "training");
        var matrix = featurizer.Apply(other, "synthetic");
        // Blocks: c = [a, b, other, null] at 0..3, b = [true, false, other, null] at 4..7.
        Assert.Equal([0, 3, 4, 7], matrix.CategoricalRanges);
        Assert.Equal(new float[] { 0, 1, 0, 0, 0, 1, 0, 0 }, Row(matrix, 0));
        Assert.Equal(new float[] { 0, 0, 1, 0, 0, 1, 0, 0 }, Row(matrix, 1));
        Assert.Equal(new float[] { 1, 0, 0, 0, 1, 0, 0, 0 }, Row(matrix, 2));
    }

    [Fact]
    public void Featurizer_Datetimes_DaysSinceTrainingMinimum()
    {
        var day = TimeSpan.TicksPerDay;
        var start = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Unspecified).Ticks;
        var training = new Table([new DateTimeColumn("t", [start + 2 * day, start, start + day / 2])]);
        var featurizer = Featurizer.Learn(training, [new ColumnMetadata("t", SemanticType.Datetime)], "training");
        var matrix = featurizer.Apply(training, "training");
        Assert.Equal([2f, 0f, 0.5f], Enumerable.Range(0, 3).Select(i => Row(matrix, i)[0]));
    }

    private static float[] Row(FeatureMatrix matrix, int row)
    {
        var values = new float[matrix.Width];
        matrix.Fill(row, values);
        return values;
    }

    private static double Accuracy(FeatureMatrix features, double[] labels)
    {
        var rows = RowSampling.All(features.Rows);
        var probabilities = GbmModel.Train(features, rows, labels, TaskKind.Binary, 2, OneSplit, 1).Predict(features, rows);
        return Enumerable.Range(0, rows.Length).Count(i => probabilities[i] >= 0.5f == (labels[i] == 1)) / (double)rows.Length;
    }
}
