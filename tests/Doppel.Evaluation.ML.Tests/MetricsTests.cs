namespace Doppel.Evaluation.ML.Tests;

public class MetricsTests
{
    [Fact]
    public void Auc_HandComputed()
    {
        // Positive scores 0.35 and 0.8 against negative 0.1 and 0.4: 3 of 4 pairs ordered right.
        Assert.Equal(0.75, Metrics.Auc([0.1f, 0.4f, 0.35f, 0.8f], [false, false, true, true]), 12);
        Assert.Equal(1.0, Metrics.Auc([0.1f, 0.2f, 0.9f], [false, false, true]), 12);
        Assert.Equal(0.0, Metrics.Auc([0.9f, 0.2f], [false, true]), 12);
    }

    [Fact]
    public void Auc_TiesCountHalf_OneClassIsNaN()
    {
        Assert.Equal(0.5, Metrics.Auc([0.5f, 0.5f, 0.5f, 0.5f], [true, false, true, false]), 12);
        // Pairs: (p 0.5 vs n 0.5) ½, (p 0.5 vs n 0.2) 1, (p 0.9 vs both) 2: 3.5 of 4.
        Assert.Equal(0.875, Metrics.Auc([0.5f, 0.5f, 0.2f, 0.9f], [true, false, false, true]), 12);
        Assert.True(double.IsNaN(Metrics.Auc([0.1f, 0.2f], [true, true])));
    }

    [Fact]
    public void F1_AccuracyMacro_HandComputed()
    {
        int[] truth = [0, 0, 1, 1, 2];
        int[] predicted = [0, 1, 1, 1, 0];
        // Class 0: TP 1, FP 1, FN 1 → 0.5. Class 1: TP 2, FP 1 → 0.8. Class 2: TP 0, FN 1 → 0.
        Assert.Equal(0.5, Metrics.F1(truth, predicted, 0), 12);
        Assert.Equal(0.8, Metrics.F1(truth, predicted, 1), 12);
        Assert.Equal(0.0, Metrics.F1(truth, predicted, 2), 12);
        Assert.Equal(0.6, Metrics.Accuracy(truth, predicted), 12);
        Assert.Equal(1.3 / 3, Metrics.MacroF1(truth, predicted, 3), 12);
        // A class neither true nor predicted is left out of the macro average.
        Assert.Equal(1.3 / 3, Metrics.MacroF1(truth, predicted, 4), 12);
    }

    [Fact]
    public void R2_PerfectMeanAndWorse()
    {
        double[] truth = [1, 2, 3, 4];
        Assert.Equal(1.0, Metrics.R2(truth, [1f, 2f, 3f, 4f]), 12);
        Assert.Equal(0.0, Metrics.R2(truth, [2.5f, 2.5f, 2.5f, 2.5f]), 12);
        Assert.True(Metrics.R2(truth, [4f, 3f, 2f, 1f]) < 0);
        Assert.True(double.IsNaN(Metrics.R2([2, 2], [1f, 3f])));
    }
}
