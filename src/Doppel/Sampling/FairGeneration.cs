using Doppel.Synthesizers;

namespace Doppel.Sampling;

/// <summary>
/// <c>--fair TARGET --sensitive COL</c>: a sample in which TARGET does not depend on COL (demographic parity). Each
/// (sensitive, target) cell gets rows × P(sensitive) × P(target) rows, the model's marginal shares, rounded so the
/// total is exact; a cell's rows are drawn from the model given both values, so every other column keeps its
/// dependence on them. Only the link between the two is removed.
/// </summary>
public static class FairGeneration
{
    /// <summary>The parts (one per cell with rows) for <paramref name="rows"/> rows in all.</summary>
    public static IReadOnlyList<ConditionedRows> Plan(SynthesisModel model, string target, string sensitive, long rows, SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = ModelShares.Column(model.Metadata, target, "--fair");
        var s = ModelShares.Column(model.Metadata, sensitive, "--sensitive");
        if (t.Name == s.Name) throw new DoppelException(ErrorKind.Usage, $"--fair and --sensitive name the same column '{t.Name}'; the target must be another column.");
        var targetShares = ModelShares.Of(model, t.Name, options, "--fair");
        var sensitiveShares = ModelShares.Of(model, s.Name, options, "--sensitive");
        var cells = (from a in sensitiveShares from b in targetShares select (Sensitive: a.Value, Target: b.Value, Share: a.Share * b.Share)).ToList();
        var counts = ModelShares.Apportion([.. cells.Select(c => c.Share)], rows);
        return [.. cells.Select((c, i) => new ConditionedRows($"{ConditionText.Equal(s, c.Sensitive)} and {ConditionText.Equal(t, c.Target)}", counts[i])).Where(p => p.Rows > 0)];
    }
}
