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
    /// <param name="data">The real table.</param>
    /// <param name="metadata">Its metadata.</param>
    /// <param name="options">Fit options shared by the candidates (<see cref="SynthesizerOptions.FitSeed"/> seeds the split).</param>
    /// <param name="onTrial">Told "fitting NAME (k of n)" before each candidate's trial, for progress; may be null.</param>
    public static AutoChoice Choose(Table data, TableMetadata metadata, SynthesizerOptions options, Action<string>? onTrial = null)
    {
        if (data.RowCount < MinRows)
            return new AutoChoice(GaussianCopulaSynthesizer.SynthesizerName, [],
                $"{data.RowCount} rows are too few to compare models on held-out data; the Gaussian copula is the safe choice.");
        var (train, holdout) = TableRows.Split(data, 0.8, options.FitSeed);
        bool scorable = metadata.Columns.Any(Binning.Scored);
        var results = new List<AutoCandidate>();
        foreach (var name in Candidates)
        {
            onTrial?.Invoke($"trying {name} ({results.Count + 1} of {Candidates.Count}) on {train.RowCount:N0} rows");
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
        var best = (safe.Count > 0 ? safe : results).OrderByDescending(r => Score(r)).First();
        string reason = Explain(best, results, safe.Count > 0);
        return new AutoChoice(best.Synthesizer, results, reason);
    }

    private static double Score(AutoCandidate candidate) => double.IsNaN(candidate.Accuracy) ? 0 : candidate.Accuracy;

    /// <summary>
    /// The reason in one sentence: what won, against what, and every candidate that scored higher but was dropped by
    /// the privacy guard (so a higher number in the list is never left unexplained).
    /// </summary>
    internal static string Explain(AutoCandidate best, IReadOnlyList<AutoCandidate> results, bool anySafe)
    {
        if (!anySafe)
            return $"every candidate sat close to the training rows (DCR share above {MaxDcrShare}); chose the most accurate, {best.Synthesizer} ({best.Accuracy:0.000}, DCR share {best.DcrShare:0.000}).";
        var dropped = results.Where(r => r.DcrShare > MaxDcrShare && Score(r) > Score(best)).ToList();
        string others = string.Join("; ", results.Where(r => r != best && !dropped.Contains(r)).Select(r => $"{r.Synthesizer} {r.Accuracy:0.000}"));
        string reason = $"{best.Synthesizer} scored the highest accuracy on a held-out 20% among the candidates that passed the privacy guard ({best.Accuracy:0.000}" +
                        (others.Length > 0 ? $"; {others}" : "") + $") with DCR share {best.DcrShare:0.000} (at most {MaxDcrShare}).";
        foreach (var r in dropped)
            reason += $" {r.Synthesizer} scored higher ({r.Accuracy:0.000}) but was dropped by the privacy guard: DCR share {r.DcrShare:0.000} > {MaxDcrShare}.";
        return reason;
    }
}
