using Doppel.Synthesizers;

namespace Doppel.Evaluation.ML.Tests;

public class AutoDetectionTests
{
    [Fact]
    public void Auc_TellsAShuffledTableFromItsSource()
    {
        var real = Generated.Population(2000, seed: 1);
        Assert.InRange(AutoDetection.Auc(real, Generated.Population(2000, seed: 2), Generated.Metadata), 0.4, 0.6);
        Assert.True(AutoDetection.Auc(real, Generated.Shuffled(Generated.Population(2000, seed: 2), seed: 3), Generated.Metadata) > 0.9);
    }

    [Fact]
    public void AutoSelection_WithLightGbm_MeasuresEveryCandidateAndPicksByTheRule()
    {
        var data = Generated.Population(1500, seed: 4);
        var choice = AutoSelection.Choose(data, Generated.Metadata, new SynthesizerOptions(), null, AutoDetection.Auc);
        Assert.All(choice.Candidates, c => Assert.InRange(c.DetectionAuc!.Value, 0.3, 1.0));
        Assert.Equal(AutoSelection.Pick(choice.Candidates).Synthesizer, choice.Synthesizer);
        Assert.Equal(choice.Synthesizer, AutoSelection.Choose(data, Generated.Metadata, new SynthesizerOptions(), null, AutoDetection.Auc).Synthesizer);
    }
}
