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
}
