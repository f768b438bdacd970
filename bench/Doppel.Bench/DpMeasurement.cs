using System.Diagnostics;
using System.Globalization;
using Doppel.Evaluation;
using Doppel.Evaluation.ML;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Mst;
using Doppel.Synthesizers.Trees;

namespace Doppel.Bench;

/// <summary>
/// Issue #5's floors: the MST synthesizer at a given ε (δ = 1e-9) with a public or private domain. Each run fits
/// with fresh secure noise (timed), samples as many rows as the training data, and scores accuracy, the
/// train-on-synthetic minority-class F1 (income) and the DCR share; the medians are the result. The same F1 of
/// the best non-DP model (sequential-tree) and of the real data are measured beside it.
/// </summary>
internal static class DpMeasurement
{
    /// <summary>Parses <c>mst:EPSILON:public|private[:TARGET]</c>.</summary>
    public static (double Epsilon, bool PublicDomain, string? Target) Parse(string spec)
    {
        var parts = spec.Split(':');
        return (double.Parse(parts[1], CultureInfo.InvariantCulture), parts[2] == "public", parts.Length > 3 ? parts[3] : null);
    }

    /// <summary>MST for a <c>mst:...</c> spec (and the metadata with its domain declared public, if asked), or null for a catalog name.</summary>
    public static ISynthesizer? Recipe(string spec, Doppel.Data.Table train, ref TableMetadata metadata)
    {
        if (!spec.StartsWith("mst:", StringComparison.Ordinal)) return null;
        var (epsilon, publicDomain, target) = Parse(spec);
        if (publicDomain) metadata = DomainDescriber.Describe(train, metadata);
        return new MstSynthesizer(new DifferentialPrivacyOptions { Epsilon = epsilon, Delta = 1e-9, PublicDomain = publicDomain, Target = target });
    }

    public static void Run(Dataset dataset, string spec, int runs, Dictionary<string, object> result)
    {
        var (epsilon, publicDomain, targetHint) = Parse(spec);
        var (train, holdout, detected) = dataset.Load();
        // Public: the domain of the training data declared public (the standard setting of the DP benchmarks).
        var metadata = detected;
        var recipe = Recipe(spec, train, ref metadata)!;
        string target = "income";
        recipe.Fit(train, metadata); // warm-up
        var seconds = new List<double>();
        var accuracy = new List<double>();
        var univariate = new List<double>();
        var bivariate = new List<double>();
        var f1 = new List<double>();
        var dcr = new List<double>();
        UtilityResult? utility = null;
        for (int r = 0; r < runs; r++)
        {
            var watch = Stopwatch.StartNew();
            var model = recipe.Fit(train, metadata);
            seconds.Add(watch.Elapsed.TotalSeconds);
            var synthetic = model.Sample(train.RowCount, new SampleOptions { Seed = (ulong)r + 1 });
            var score = Accuracy.Compute(train, synthetic, detected);
            accuracy.Add(score.Overall);
            univariate.Add(score.Univariate);
            bivariate.Add(score.Bivariate);
            utility = Utility.Compute(train, holdout, synthetic, detected, target);
            f1.Add(utility.Tstr.MinorityF1 ?? 0);
            dcr.Add(PrivacyRisk.Compute(train, holdout, synthetic, detected).DcrShare);
        }
        var tree = SynthesizerCatalog.Create(SequentialTreeSynthesizer.SynthesizerName).Fit(train, detected).Sample(train.RowCount, new SampleOptions { Seed = 1 });
        var treeUtility = Utility.Compute(train, holdout, tree, detected, target);
        result["seconds"] = seconds;
        result["accuracy"] = Median(accuracy);
        result["accuracyRuns"] = accuracy;
        result["univariate"] = Median(univariate);
        result["bivariate"] = Median(bivariate);
        result["ceiling"] = Accuracy.Compute(train, holdout, detected).Overall;
        result["minorityF1"] = Median(f1);
        result["minorityF1Runs"] = f1;
        result["minorityF1Real"] = utility!.Trtr.MinorityF1 ?? double.NaN;
        result["minorityF1NonDp"] = treeUtility.Tstr.MinorityF1 ?? double.NaN;
        result["dcrShare"] = Median(dcr);
        result["epsilon"] = epsilon;
        result["publicDomain"] = publicDomain;
        result["target"] = targetHint ?? "";
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
