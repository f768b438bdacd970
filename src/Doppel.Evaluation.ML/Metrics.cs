namespace Doppel.Evaluation.ML;

/// <summary>The scores the ML metrics report, computed from predictions (no ML.NET evaluator involved).</summary>
internal static class Metrics
{
    /// <summary>
    /// ROC AUC of <paramref name="scores"/> for <paramref name="positive"/> rows against the others: the
    /// Mann–Whitney statistic with ties counted ½. NaN when either side is empty.
    /// </summary>
    public static double Auc(ReadOnlySpan<float> scores, ReadOnlySpan<bool> positive)
    {
        int n = scores.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        double positiveRankSum = 0;
        long positives = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && keys[j + 1] == keys[i]) j++;
            double averageRank = (i + j) / 2.0 + 1; // ranks are 1-based
            for (int k = i; k <= j; k++)
                if (positive[order[k]]) { positiveRankSum += averageRank; positives++; }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>F1 of class <paramref name="label"/>: 2·TP / (2·TP + FP + FN); NaN when the class is neither true nor predicted.</summary>
    public static double F1(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int label)
    {
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            bool t = truth[i] == label, p = predicted[i] == label;
            if (t && p) tp++;
            else if (p) fp++;
            else if (t) fn++;
        }
        return tp + fp + fn == 0 ? double.NaN : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /// <summary>Share of rows predicted right.</summary>
    public static double Accuracy(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        long right = 0;
        for (int i = 0; i < truth.Length; i++) if (truth[i] == predicted[i]) right++;
        return (double)right / truth.Length;
    }

    /// <summary>
    /// Mean F1 over the classes that occur among the true or the predicted labels (scikit-learn's
    /// <c>f1_score(average="macro")</c>).
    /// </summary>
    public static double MacroF1(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int classCount)
    {
        double sum = 0;
        int counted = 0;
        for (int k = 0; k < classCount; k++)
        {
            double f1 = F1(truth, predicted, k);
            if (double.IsNaN(f1)) continue;
            sum += f1;
            counted++;
        }
        return counted == 0 ? double.NaN : sum / counted;
    }

    /// <summary>Coefficient of determination 1 − SS_res / SS_tot (can be negative; NaN when the truth is constant).</summary>
    public static double R2(ReadOnlySpan<double> truth, ReadOnlySpan<float> predicted)
    {
        double mean = 0;
        foreach (double t in truth) mean += t;
        mean /= truth.Length;
        double residual = 0, total = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            residual += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            total += (truth[i] - mean) * (truth[i] - mean);
        }
        return total == 0 ? double.NaN : 1 - residual / total;
    }
}
