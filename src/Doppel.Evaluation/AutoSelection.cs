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
/// <param name="Seconds">Fit and sampling time (detection not included).</param>
/// <param name="DetectionAuc">ROC AUC of a classifier telling its sample from the training part (0.5: indistinguishable), or null when no detector was given.</param>
public sealed record AutoCandidate(string Synthesizer, double Accuracy, double DcrShare, double Seconds, double? DetectionAuc = null);

/// <summary>What <see cref="AutoSelection.Choose"/> picked and why.</summary>
/// <param name="Synthesizer">The chosen synthesizer's name.</param>
/// <param name="Candidates">Every candidate's validation result.</param>
/// <param name="Reason">One sentence for the user.</param>
public sealed record AutoChoice(string Synthesizer, IReadOnlyList<AutoCandidate> Candidates, string Reason);

/// <summary>
/// <c>--synthesizer auto</c>: fits every candidate on 80% of the data (seeded), samples as many rows, and keeps the
/// most accurate one whose DCR share against the held-out 20% stays at or below <see cref="MaxDcrShare"/>, so a model
/// that wins on fidelity by sitting too close to the training rows is passed over. With a detector, accuracy narrows
/// the field to the candidates within <see cref="AccuracyTolerance"/> of the best, and among them the one whose rows
/// a classifier tells from real ones least well wins: two models that score alike on marginals and pairs can differ
/// widely in what a strong classifier sees. The caller then fits the choice on all the data.
/// </summary>
public static class AutoSelection
{
    /// <summary>The CLI name.</summary>
    public const string Name = "auto";

    /// <summary>The privacy guard on the validation DCR share.</summary>
    public const double MaxDcrShare = 0.55;

    /// <summary>How far below the best accuracy a candidate may score and still win on detection.</summary>
    public const double AccuracyTolerance = 0.01;

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
    /// <param name="detection">
    /// A detector: the ROC AUC with which a classifier tells the synthetic rows (second) from the real ones (first);
    /// null leaves the choice to accuracy alone (the core library has no classifier; the CLI passes LightGBM's).
    /// </param>
    public static AutoChoice Choose(Table data, TableMetadata metadata, SynthesizerOptions options, Action<string>? onTrial = null,
        Func<Table, Table, TableMetadata, double>? detection = null)
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
            double? auc = detection is not null && scorable ? detection(train, synthetic, metadata) : null;
            results.Add(new AutoCandidate(name, accuracy, dcr, seconds, auc));
        }
        var best = Pick(results);
        return new AutoChoice(best.Synthesizer, results, Explain(best, results, results.Any(Safe)));
    }

    /// <summary>
    /// The winner among measured candidates (in order of preference when they tie): of those that pass the privacy
    /// guard (all, when none does), the most accurate, or with detection AUCs, the least detectable of those within
    /// <see cref="AccuracyTolerance"/> of the most accurate.
    /// </summary>
    public static AutoCandidate Pick(IReadOnlyList<AutoCandidate> candidates)
    {
        var pool = candidates.Where(Safe).ToList();
        if (pool.Count == 0) pool = [.. candidates];
        var top = pool.OrderByDescending(Score).First();
        var close = Close(pool, top);
        return close.All(r => r.DetectionAuc is not null) && close.Count > 1 ? close.OrderBy(r => r.DetectionAuc).ThenByDescending(Score).First() : top;
    }

    private static bool Safe(AutoCandidate candidate) => !(candidate.DcrShare > MaxDcrShare);

    /// <summary>The candidates of <paramref name="pool"/> within the tolerance of <paramref name="top"/>'s accuracy.</summary>
    private static List<AutoCandidate> Close(IEnumerable<AutoCandidate> pool, AutoCandidate top) => [.. pool.Where(r => Score(r) >= Score(top) - AccuracyTolerance)];

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
        var safe = results.Where(Safe).ToList();
        var top = safe.OrderByDescending(Score).First();
        string reason;
        if (top != best)
        {
            // Won on detection among the candidates about as accurate as the best.
            string rivals = string.Join("; ", Close(safe, top).Where(r => r != best).Select(r => $"{r.Synthesizer} {r.DetectionAuc:0.000} at accuracy {r.Accuracy:0.000}"));
            reason = $"{best.Synthesizer}'s rows were the hardest for a classifier to tell from real ones (detection AUC {best.DetectionAuc:0.000}; {rivals}) " +
                     $"among the candidates that passed the privacy guard and scored within {AccuracyTolerance} of the best accuracy on a held-out 20%; its accuracy {best.Accuracy:0.000}, DCR share {best.DcrShare:0.000} (at most {MaxDcrShare}).";
        }
        else
        {
            string others = string.Join("; ", results.Where(r => r != best && !dropped.Contains(r)).Select(r => $"{r.Synthesizer} {r.Accuracy:0.000}"));
            reason = $"{best.Synthesizer} scored the highest accuracy on a held-out 20% among the candidates that passed the privacy guard ({best.Accuracy:0.000}" +
                     (others.Length > 0 ? $"; {others}" : "") + $") with DCR share {best.DcrShare:0.000} (at most {MaxDcrShare})" +
                     (best.DetectionAuc is { } auc ? $" and the lowest detection AUC among those within {AccuracyTolerance} of it ({auc:0.000})." : ".");
        }
        foreach (var r in dropped)
            reason += $" {r.Synthesizer} scored higher ({r.Accuracy:0.000}) but was dropped by the privacy guard: DCR share {r.DcrShare:0.000} > {MaxDcrShare}.";
        return reason;
    }
}
