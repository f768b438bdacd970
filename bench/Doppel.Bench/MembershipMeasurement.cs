using System.Diagnostics;
using Doppel.Evaluation;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Mst;

namespace Doppel.Bench;

/// <summary>
/// Issue #5 scope 6: the distance-based membership-inference attack of <see cref="PrivacyRisk"/> on a synthetic set of
/// the training size. SYNTHESIZER is a catalog name, <c>mst:EPSILON:public|private</c> (the bound is then reported),
/// or <c>copy</c> (the training data itself: the attack's ceiling). Times the whole privacy risk (all its metrics).
/// </summary>
internal static class MembershipMeasurement
{
    public static void Run(Dataset dataset, string spec, int runs, Dictionary<string, object> result)
    {
        var (train, holdout, detected) = dataset.Load();
        Doppel.Data.Table synthetic;
        (double, double)? budget = null;
        if (spec == "copy") synthetic = train;
        else
        {
            var metadata = detected;
            var model = (DpMeasurement.Recipe(spec, train, ref metadata) ?? SynthesizerCatalog.Create(spec)).Fit(train, metadata);
            if (model.Privacy is { } privacy) budget = (privacy.Epsilon, privacy.Delta);
            synthetic = model.Sample(train.RowCount, new SampleOptions { Seed = 1 });
        }

        var options = new PrivacyRiskOptions { DpBudget = budget };
        PrivacyRiskResult? risk = null;
        var seconds = new List<double>();
        for (int r = 0; r < Math.Max(1, runs); r++)
        {
            var watch = Stopwatch.StartNew();
            risk = PrivacyRisk.Compute(train, holdout, synthetic, detected, options);
            seconds.Add(watch.Elapsed.TotalSeconds);
        }
        var m = risk!.MembershipInference;
        result["seconds"] = seconds;
        result["auc"] = m.Auc;
        result["aucLow"] = m.AucLow;
        result["aucHigh"] = m.AucHigh;
        result["advantage"] = m.Advantage;
        result["nullAdvantage95"] = m.NullAdvantage95;
        result["tprAtFpr10"] = m.TprAtFpr10;
        result["members"] = m.Members;
        result["syntheticRows"] = m.SyntheticRows;
        result["bound"] = m.Bound;
        result["dcrShare"] = risk.DcrShare;
    }
}
