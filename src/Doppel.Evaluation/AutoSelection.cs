using System.Diagnostics;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Bayes;
using Doppel.Synthesizers.Trees;

namespace Doppel.Evaluation;

/// <summary>One candidate's result in <see cref="AutoSelection"/>.</summary>
/// <param name="Synthesizer">The synthesizer's name.</param>
/// <param name="Accuracy">Accuracy of its sample against the validation fit's training part.</param>
/// <param name="DcrShare">DCR share against the held-out part (0.5 ideal; higher sits closer to the training rows).</param>
/// <param name="Seconds">Fit and sampling time.</param>
public sealed record AutoCandidate(string Synthesizer, double Accuracy, double DcrShare, double Seconds);

/// <summary>What <see cref="AutoSelection.Choose"/> picked and why.</summary>
/// <param name="Synthesizer">The chosen synthesizer's name.</param>
/// <param name="Candidates">Every candidate's validation result.</param>
/// <param name="Reason">One sentence for the user.</param>
public sealed record AutoChoice(string Synthesizer, IReadOnlyList<AutoCandidate> Candidates, string Reason);

/// <summary>
/// <c>--synthesizer auto</c>: fits every candidate on 80% of the data (seeded), samples as many rows, and keeps the
/// most accurate one whose DCR share against the held-out 20% stays at or below <see cref="MaxDcrShare"/>, so a model
/// that wins on fidelity by sitting too close to the training rows is passed over. The caller then fits the choice
/// on all the data.
/// </summary>
public static class AutoSelection
{
    /// <summary>The CLI name.</summary>
    public const string Name = "auto";

    /// <summary>The privacy guard on the validation DCR share.</summary>
    public const double MaxDcrShare = 0.55;

    /// <summary>Below this many rows there is too little to validate on; the copula is chosen.</summary>
    public const int MinRows = 50;

    /// <summary>The candidates, in order of preference when they tie.</summary>
    public static IReadOnlyList<string> Candidates { get; } =
        [SequentialTreeSynthesizer.SynthesizerName, BayesianNetworkSynthesizer.SynthesizerName, GaussianCopulaSynthesizer.SynthesizerName];

    /// <summary>Picks a synthesizer for <paramref name="data"/>.</summary>
    public static AutoChoice Choose(Table data, TableMetadata metadata, SynthesizerOptions options)
    {
        if (data.RowCount < MinRows)
            return new AutoChoice(GaussianCopulaSynthesizer.SynthesizerName, [],
                $"{data.RowCount} rows are too few to compare models on held-out data; the Gaussian copula is the safe choice.");
        var (train, holdout) = TableRows.Split(data, 0.8, options.FitSeed);
        bool scorable = metadata.Columns.Any(Binning.Scored);
        var results = new List<AutoCandidate>();
        foreach (var name in Candidates)
        {
            var watch = Stopwatch.StartNew();
            var synthetic = SynthesizerCatalog.Create(name, options).Fit(train, metadata).Sample(train.RowCount, new SampleOptions { Seed = 1 });
            double seconds = watch.Elapsed.TotalSeconds;
            double accuracy = scorable ? Accuracy.Compute(train, synthetic, metadata).Overall : double.NaN;
            double dcr = scorable
                ? PrivacyRisk.Compute(train, holdout, synthetic, metadata, new PrivacyRiskOptions { Attacks = 10, MaxQueryRows = 5_000, MembershipRows = 1 }).DcrShare // only the DCR share counts here: the smallest attacks
                : double.NaN;
            results.Add(new AutoCandidate(name, accuracy, dcr, seconds));
        }
        var safe = results.Where(r => !(r.DcrShare > MaxDcrShare)).ToList();
        var best = (safe.Count > 0 ? safe : results).OrderByDescending(r => double.IsNaN(r.Accuracy) ? 0 : r.Accuracy).First();
        string others = string.Join("; ", results.Where(r => r != best).Select(r => $"{r.Synthesizer} {r.Accuracy:0.000}"));
        string reason = safe.Count == 0
            ? $"every candidate sat close to the training rows (DCR share above {MaxDcrShare}); chose the most accurate, {best.Synthesizer} ({best.Accuracy:0.000}, DCR share {best.DcrShare:0.000})."
            : $"{best.Synthesizer} scored the highest accuracy on a held-out 20% ({best.Accuracy:0.000}; {others}) with DCR share {best.DcrShare:0.000} (at most {MaxDcrShare}).";
        return new AutoChoice(best.Synthesizer, results, reason);
    }
}
