using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation;

/// <summary>The MOSTLY AI QA-compatible accuracy (GUIDE section 4): 1 − total variation distance of binned distributions.</summary>
/// <param name="Univariate">Mean over columns of 1 − TVD of the binned marginals.</param>
/// <param name="Bivariate">Mean over column pairs of 1 − TVD of the binned joint distributions.</param>
public sealed record AccuracyScore(double Univariate, double Bivariate)
{
    /// <summary>The mean of univariate and bivariate accuracy.</summary>
    public double Overall => double.IsNaN(Bivariate) ? Univariate : (Univariate + Bivariate) / 2;

    /// <summary>Per scored column: 1 − TVD of its binned marginal.</summary>
    public IReadOnlyList<(string Column, double Score)> Columns { get; init; } = [];

    /// <summary>Per pair of scored columns: 1 − TVD of the binned joint distribution.</summary>
    public IReadOnlyList<(string A, string B, double Score)> Pairs { get; init; } = [];
}

/// <summary>Computes <see cref="AccuracyScore"/> between a training table and a synthetic (or holdout) table.</summary>
public static class Accuracy
{
    /// <summary>
    /// Scores <paramref name="synthetic"/> against <paramref name="training"/>. Bins come from the training data;
    /// id, text and PII columns are left out.
    /// </summary>
    public static AccuracyScore Compute(Table training, Table synthetic, TableMetadata metadata)
    {
        TablePair.Check(training, synthetic, metadata);
        var scored = metadata.Columns.Where(Binning.Scored).Select(c => c.Name).ToArray();
        if (scored.Length == 0) throw new DoppelException(ErrorKind.Data, "No column can be scored: all are ids, text or PII.");
        var real = new int[scored.Length][];
        var syn = new int[scored.Length][];
        var sizes = new int[scored.Length];
        Parallelism.For(0, scored.Length, c =>
        {
            var binning = Binning.Learn(training[scored[c]], metadata.Find(scored[c])!.Type);
            real[c] = binning.Apply(training[scored[c]]);
            syn[c] = binning.Apply(synthetic[scored[c]]);
            sizes[c] = binning.Count;
        });

        var univariate = new double[scored.Length];
        for (int c = 0; c < scored.Length; c++)
            univariate[c] = 1 - BinnedTvd.Of([real[c]], [syn[c]], [sizes[c]]);
        var pairs = new List<(int A, int B)>();
        for (int a = 0; a < scored.Length; a++) for (int b = a + 1; b < scored.Length; b++) pairs.Add((a, b));
        var bivariate = new double[pairs.Count];
        Parallelism.For(0, pairs.Count, p =>
        {
            var (a, b) = pairs[p];
            bivariate[p] = 1 - BinnedTvd.Of([real[a], real[b]], [syn[a], syn[b]], [sizes[a], sizes[b]]);
        });
        return new AccuracyScore(univariate.Average(), pairs.Count == 0 ? double.NaN : bivariate.Average())
        {
            Columns = [.. scored.Select((name, c) => (name, univariate[c]))],
            Pairs = [.. pairs.Select((p, i) => (scored[p.A], scored[p.B], bivariate[i]))],
        };
    }
}
