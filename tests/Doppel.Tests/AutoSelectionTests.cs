using Doppel.Evaluation;
using Doppel.Synthesizers;

namespace Doppel.Tests;

public class AutoSelectionTests
{
    [Fact]
    public void Choose_PicksTheMostAccurateSafeCandidate()
    {
        var (data, meta) = RealisticData.Make(3_000);
        var choice = AutoSelection.Choose(data, meta, new SynthesizerOptions());
        Assert.Equal(AutoSelection.Candidates.Count, choice.Candidates.Count);
        Assert.All(choice.Candidates, c => Assert.InRange(c.Accuracy, 0.5, 1.0));
        var safe = choice.Candidates.Where(c => c.DcrShare <= AutoSelection.MaxDcrShare).ToList();
        Assert.NotEmpty(safe);
        Assert.Equal(safe.MaxBy(c => c.Accuracy)!.Synthesizer, choice.Synthesizer);
        Assert.Contains(choice.Synthesizer, choice.Reason);
    }

    [Fact]
    public void Choose_IsDeterministic()
    {
        var (data, meta) = RealisticData.Make(1_000);
        var a = AutoSelection.Choose(data, meta, new SynthesizerOptions { FitSeed = 3 });
        var b = AutoSelection.Choose(data, meta, new SynthesizerOptions { FitSeed = 3 });
        Assert.Equal(a.Synthesizer, b.Synthesizer);
        Assert.Equal(a.Candidates.Select(c => (c.Accuracy, c.DcrShare)), b.Candidates.Select(c => (c.Accuracy, c.DcrShare)));
    }

    [Fact]
    public void Explain_SaysWhenAHigherScoringCandidateWasDroppedByThePrivacyGuard()
    {
        var tree = new AutoCandidate("sequential-tree", 0.971, 0.60, 1);
        var network = new AutoCandidate("bayesian-network", 0.967, 0.51, 1);
        var copula = new AutoCandidate("gaussian-copula", 0.930, 0.50, 1);
        string reason = AutoSelection.Explain(network, [tree, network, copula], anySafe: true);
        Assert.Contains("sequential-tree scored higher (0.971) but was dropped by the privacy guard: DCR share 0.600 > 0.55", reason);
        Assert.DoesNotContain("sequential-tree 0.971", reason); // not listed as if it had merely lost
        Assert.Contains("gaussian-copula 0.930", reason);
        Assert.StartsWith("bayesian-network scored the highest accuracy", reason);
    }

    [Fact]
    public void Explain_NamesNoDroppedCandidateWhenTheWinnerIsTheMostAccurate()
    {
        var tree = new AutoCandidate("sequential-tree", 0.971, 0.52, 1);
        var network = new AutoCandidate("bayesian-network", 0.967, 0.60, 1);
        string reason = AutoSelection.Explain(tree, [tree, network], anySafe: true);
        Assert.DoesNotContain("dropped", reason);
    }

    [Fact]
    public void Pick_WithDetection_TakesTheLeastDetectableWithinTheTolerance()
    {
        var tree = new AutoCandidate("sequential-tree", 0.971, 0.52, 1, 0.80);
        var network = new AutoCandidate("bayesian-network", 0.966, 0.51, 1, 0.70);
        var copula = new AutoCandidate("gaussian-copula", 0.930, 0.50, 1, 0.60); // least detectable, but 0.041 less accurate
        Assert.Equal(network, AutoSelection.Pick([tree, network, copula]));
        // Without detection AUCs, accuracy alone decides.
        Assert.Equal("sequential-tree", AutoSelection.Pick([tree with { DetectionAuc = null }, network with { DetectionAuc = null }, copula with { DetectionAuc = null }]).Synthesizer);
        // The privacy guard comes first: a less detectable candidate that sits too close to the training rows is passed over.
        Assert.Equal(tree, AutoSelection.Pick([tree, network with { DcrShare = 0.60 }, copula]));
        string reason = AutoSelection.Explain(network, [tree, network, copula], anySafe: true);
        Assert.StartsWith("bayesian-network's rows were the hardest for a classifier to tell from real ones (detection AUC 0.700; sequential-tree 0.800 at accuracy 0.971)", reason);
        Assert.DoesNotContain("gaussian-copula", reason); // outside the tolerance: not a rival on detection
    }

    [Fact]
    public void Choose_WithADetector_AsksItOncePerCandidateAndPicksByItsAnswer()
    {
        var (data, meta) = RealisticData.Make(1_000);
        var asked = new List<int>();
        // A detector that finds the second candidate's rows hardest to tell apart: picked whenever it is accurate enough.
        var choice = AutoSelection.Choose(data, meta, new SynthesizerOptions(), null, (real, synthetic, _) =>
        {
            asked.Add(synthetic.RowCount);
            Assert.Equal(real.RowCount, synthetic.RowCount);
            return asked.Count == 2 ? 0.5 : 0.9;
        });
        Assert.Equal([800, 800, 800], asked);
        Assert.Equal([0.9, 0.5, 0.9], choice.Candidates.Select(c => c.DetectionAuc!.Value));
        Assert.Equal(AutoSelection.Pick(choice.Candidates).Synthesizer, choice.Synthesizer);
        var top = choice.Candidates.Where(c => c.DcrShare <= AutoSelection.MaxDcrShare).MaxBy(c => c.Accuracy)!;
        bool close = choice.Candidates[1].Accuracy >= top.Accuracy - AutoSelection.AccuracyTolerance && choice.Candidates[1].DcrShare <= AutoSelection.MaxDcrShare;
        Assert.Equal(close ? AutoSelection.Candidates[1] : top.Synthesizer, choice.Synthesizer);
    }

    [Fact]
    public void Choose_ReportsEachTrial()
    {
        var (data, meta) = RealisticData.Make(500);
        var trials = new List<string>();
        _ = AutoSelection.Choose(data, meta, new SynthesizerOptions(), trials.Add);
        Assert.Equal(AutoSelection.Candidates.Select((c, i) => $"trying {c} ({i + 1} of {AutoSelection.Candidates.Count}) on 400 rows"), trials);
    }
}
