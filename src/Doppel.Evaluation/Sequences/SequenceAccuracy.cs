using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;

namespace Doppel.Evaluation.Sequences;

/// <summary>
/// The MOSTLY AI QA-compatible accuracy of sequences (GUIDE section 10): one row per entity (its context columns, its
/// sequence length, one random step and the step after it), binned as in section 4 with bins from the training data.
/// </summary>
/// <param name="Univariate">Mean over the step's columns and the sequence length of 1 − TVD.</param>
/// <param name="Bivariate">Mean over step × step and step × context pairs of 1 − TVD of the joint bins.</param>
/// <param name="Trivariate">Mean over triples of step and context columns (at least one a step column) of 1 − TVD.</param>
/// <param name="Coherence">Mean of: 1 − TVD of (column at t, column at t + 1); 1 − TVD of the binned number of distinct categories per sequence; 1 − TVD of the share of sequences holding each top-9 category or "(other)".</param>
public sealed record SequenceAccuracyScore(double Univariate, double Bivariate, double Trivariate, double Coherence)
{
    /// <summary>The mean of the four, NaN ignored, as MOSTLY QA reports its overall accuracy.</summary>
    public double Overall => NanMean.Of([Univariate, Bivariate, Trivariate, Coherence]);
}

/// <summary>Computes <see cref="SequenceAccuracyScore"/>.</summary>
internal static class SequenceAccuracy
{
    /// <summary>Triples scored at most (chosen with seed 0 when there are more), so wide tables stay quick.</summary>
    public const int MaxTriples = 1000;
    private const string LengthColumn = "(sequence length)";
    private const int TopCategories = 9;

    /// <summary>Scores <paramref name="other"/> (synthetic, or holdout for the ceiling) against <paramref name="training"/>.</summary>
    public static SequenceAccuracyScore Compute(SequenceFrame training, SequenceFrame other, ulong seed = 0)
    {
        var trainStep = RandomSteps(training, seed);
        var otherStep = RandomSteps(other, seed);
        var steps = training.StepColumns.Columns;
        var context = training.ContextColumns?.Columns ?? [];

        // Per scored column of the entity frame: the binning and both sides' bins.
        var names = new List<string> { LengthColumn };
        var realBins = new List<int[]>();
        var otherBins = new List<int[]>();
        var sizes = new List<int>();
        var binnings = new List<Binning>();
        void Add(Column real, Column synthetic, SemanticType type)
        {
            var binning = Binning.Learn(real, type);
            binnings.Add(binning);
            realBins.Add(binning.Apply(real));
            otherBins.Add(binning.Apply(synthetic));
            sizes.Add(binning.Count);
        }
        Add(Lengths(training), Lengths(other), SemanticType.Numerical);
        foreach (var c in steps) { names.Add(c.Name); Add(trainStep.At[c.Name], otherStep.At[c.Name], c.Type); }
        int stepCount = names.Count;
        foreach (var c in context) { names.Add("context." + c.Name); Add(EntityContext(training, c.Name), EntityContext(other, c.Name), c.Type); }

        double univariate = Enumerable.Range(0, stepCount).Select(c => 1 - BinnedTvd.Of([realBins[c]], [otherBins[c]], [sizes[c]])).Average();
        var pairs = new List<int[]>();
        for (int a = 0; a < stepCount; a++) for (int b = a + 1; b < names.Count; b++) pairs.Add([a, b]);
        var triples = new List<int[]>();
        for (int a = 0; a < stepCount; a++) for (int b = a + 1; b < names.Count; b++) for (int c = b + 1; c < names.Count; c++) triples.Add([a, b, c]);
        if (triples.Count > MaxTriples)
        {
            var random = new RandomStream(0, 0x7_71);
            for (int i = triples.Count - 1; i > 0; i--) { int j = random.NextInt(i + 1); (triples[i], triples[j]) = (triples[j], triples[i]); }
            triples.RemoveRange(MaxTriples, triples.Count - MaxTriples);
        }
        double Joint(int[] set) => 1 - BinnedTvd.Of([.. set.Select(c => realBins[c])], [.. set.Select(c => otherBins[c])], [.. set.Select(c => sizes[c])]);
        var bivariate = new double[pairs.Count];
        var trivariate = new double[triples.Count];
        Parallelism.For(0, pairs.Count, p => bivariate[p] = Joint(pairs[p]));
        Parallelism.For(0, triples.Count, t => trivariate[t] = Joint(triples[t]));

        return new SequenceAccuracyScore(univariate, NanMean.Of(bivariate), NanMean.Of(trivariate),
            Coherence(training, other, trainStep, otherStep, c => (binnings[1 + c], realBins[1 + c], otherBins[1 + c])));
    }

    /// <summary>Per entity the columns at one random step t (null for an empty sequence) and at t + 1 (null when t is the last).</summary>
    private static RandomStep RandomSteps(SequenceFrame frame, ulong seed)
    {
        var random = new RandomStream(seed, 0x5E_0ACC);
        var at = new int[frame.Entities.Length];
        var next = new int[frame.Entities.Length];
        for (int e = 0; e < at.Length; e++)
        {
            var rows = frame.Entities[e];
            int t = rows.Length == 0 ? -1 : random.NextInt(rows.Length);
            at[e] = t < 0 ? -1 : rows[t];
            next[e] = t < 0 || t + 1 >= rows.Length ? -1 : rows[t + 1];
        }
        return new RandomStep(TableRows.SelectOrNull(frame.Steps, at), TableRows.SelectOrNull(frame.Steps, next), [.. next.Select(r => r >= 0)]);
    }

    /// <summary>Per entity the columns at its random step and at the step after it, and whether it has one.</summary>
    private sealed record RandomStep(Table At, Table Next, bool[] HasNext);

    private static NumberColumn Lengths(SequenceFrame frame) => new(LengthColumn, [.. frame.Entities.Select(e => (double)e.Length)]);

    private static Column EntityContext(SequenceFrame frame, string column) =>
        TableRows.SelectOrNull(new Table([frame.Context![column]], frame.Context.RowCount), frame.ContextRow)[column];

    // stepBins: per step column (by position), its binning and the bins of both sides' random steps, as the accuracy made them.
    private static double Coherence(SequenceFrame training, SequenceFrame other, RandomStep trainStep, RandomStep otherStep,
        Func<int, (Binning Binning, int[] Real, int[] Other)> stepBins)
    {
        var successive = new List<double>();
        var distinct = new List<double>();
        var containing = new List<double>();
        var steps = training.StepColumns.Columns;
        for (int s = 0; s < steps.Count; s++)
        {
            var c = steps[s];
            var (binning, realAt, otherAt) = stepBins(s);
            successive.Add(1 - Successive(binning, c.Name, (realAt, trainStep), (otherAt, otherStep)));
            if (c.Type is not (SemanticType.Categorical or SemanticType.Boolean)) continue;
            var trainLabels = ColumnLabels.Of(training.Steps[c.Name]);
            var otherLabels = ColumnLabels.Of(other.Steps[c.Name]);
            var realDistinct = DistinctPerSequence(training, trainLabels);
            var distinctBins = Binning.Learn(realDistinct, SemanticType.Numerical);
            distinct.Add(1 - BinnedTvd.Of([distinctBins.Apply(realDistinct)], [distinctBins.Apply(DistinctPerSequence(other, otherLabels))], [distinctBins.Count]));
            var top = trainLabels.Where(l => l is not null).GroupBy(l => l!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(TopCategories).Select(g => g.Key).ToArray();
            containing.Add(1 - ContainingTvd(training, trainLabels, other, otherLabels, top));
        }
        return NanMean.Of([NanMean.Of(successive), NanMean.Of(distinct), NanMean.Of(containing)]);
    }

    /// <summary>TVD of the joint bins of (x_t, x_(t+1)) over the entities that have a step after t.</summary>
    private static double Successive(Binning binning, string column, (int[] At, RandomStep Step) real, (int[] At, RandomStep Step) other)
    {
        (int[] At, int[] Next) Pairs((int[] At, RandomStep Step) side)
        {
            var (a, step) = side;
            int[] b = binning.Apply(step.Next[column]);
            var keep = Enumerable.Range(0, a.Length).Where(i => step.HasNext[i]).ToArray();
            return ([.. keep.Select(i => a[i])], [.. keep.Select(i => b[i])]);
        }
        var (ra, rb) = Pairs(real);
        var (oa, ob) = Pairs(other);
        return ra.Length == 0 || oa.Length == 0 ? double.NaN : BinnedTvd.Of([ra, rb], [oa, ob], [binning.Count, binning.Count]);
    }

    private static NumberColumn DistinctPerSequence(SequenceFrame frame, string?[] labels)
    {
        var counts = frame.Entities.Where(e => e.Length > 0)
            .Select(e => (double)e.Select(r => labels[r]).Where(l => l is not null).Distinct(StringComparer.Ordinal).Count());
        return new NumberColumn("distinct", [.. counts]);
    }

    /// <summary>TVD of the normalized counts of sequences holding each top category (and "(other)").</summary>
    private static double ContainingTvd(SequenceFrame real, string?[] realLabels, SequenceFrame other, string?[] otherLabels, string[] top)
    {
        double[] Shares(SequenceFrame frame, string?[] labels)
        {
            var index = top.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
            var counts = new double[top.Length + 1];
            var seen = new bool[top.Length + 1];
            foreach (var rows in frame.Entities)
            {
                Array.Clear(seen);
                foreach (int r in rows)
                    if (labels[r] is { } label) seen[index.TryGetValue(label, out int k) ? k : top.Length] = true;
                for (int k = 0; k < seen.Length; k++) if (seen[k]) counts[k]++;
            }
            double total = counts.Sum();
            return total == 0 ? counts : [.. counts.Select(c => c / total)];
        }
        var p = Shares(real, realLabels);
        var q = Shares(other, otherLabels);
        return p.Zip(q, (a, b) => Math.Abs(a - b)).Sum() / 2;
    }
}
