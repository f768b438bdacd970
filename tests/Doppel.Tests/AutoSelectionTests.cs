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
    public void Choose_ReportsEachTrial()
    {
        var (data, meta) = RealisticData.Make(500);
        var trials = new List<string>();
        _ = AutoSelection.Choose(data, meta, new SynthesizerOptions(), trials.Add);
        Assert.Equal(AutoSelection.Candidates.Select((c, i) => $"trying {c} ({i + 1} of {AutoSelection.Candidates.Count}) on 400 rows"), trials);
    }
}
