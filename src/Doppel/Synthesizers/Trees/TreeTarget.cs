namespace Doppel.Synthesizers.Trees;

/// <summary>
/// What a tree predicts, per training row: a class (categorical targets, null and the rare bucket being classes),
/// or a score (numeric targets: the value's mid-rank in [0, 1], NaN for null, so heavy tails do not dominate splits).
/// </summary>
internal sealed class TreeTarget
{
    private TreeTarget(int classes, int[]? labels, double[]? scores)
    {
        Classes = classes;
        Labels = labels;
        Scores = scores;
    }

    /// <summary>Number of classes; 0 for a numeric target.</summary>
    public int Classes { get; }

    /// <summary>Per row: the class (categorical targets).</summary>
    public int[]? Labels { get; }

    /// <summary>Per row: the score, NaN for null (numeric targets).</summary>
    public double[]? Scores { get; }

    public static TreeTarget OfClasses(int[] labels, int classes) => new(classes, labels, null);

    /// <summary>Mid-ranks of <paramref name="values"/> (NaN for null) scaled to [0, 1].</summary>
    public static TreeTarget OfNumbers(double[] values)
    {
        var rows = Enumerable.Range(0, values.Length).Where(i => !double.IsNaN(values[i])).ToArray();
        var keys = rows.Select(i => values[i]).ToArray();
        Array.Sort(keys, rows);
        var scores = new double[values.Length];
        Array.Fill(scores, double.NaN);
        int m = rows.Length;
        for (int a = 0; a < m;)
        {
            int b = a + 1;
            while (b < m && keys[b] == keys[a]) b++;
            double rank = (a + b - 1) / 2.0 / Math.Max(1, m - 1);
            for (int j = a; j < b; j++) scores[rows[j]] = rank;
            a = b;
        }
        return new TreeTarget(0, null, scores);
    }
}
