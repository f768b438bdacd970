using Doppel.Data;
using Doppel.Expressions;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Bayes;
using Doppel.Synthesizers.Trees;

namespace Doppel.Tests;

/// <summary>
/// Conditional sampling through the sequential trees' and the Bayesian network's own conditional distributions
/// (issue #6): exact counts, the model's conditional distribution (the same as filtering its unconditional output),
/// no reliance on rejection, determinism and clear errors.
/// </summary>
public class ModelConditionalTests
{
    private static readonly Lazy<(Table Table, TableMetadata Metadata)> Adult = new(() =>
    {
        var raw = CsvReader.Read(Path.Combine(AppContext.BaseDirectory, "samples", "adult.csv"));
        var meta = MetadataDetector.Detect(raw, "adult");
        return (TableConverter.Convert(raw, meta), meta);
    });

    private static readonly Dictionary<string, Lazy<SynthesisModel>> Models = new()
    {
        ["sequential-tree"] = new(() => new SequentialTreeSynthesizer().Fit(Adult.Value.Table, Adult.Value.Metadata)),
        ["bayesian-network"] = new(() => new BayesianNetworkSynthesizer().Fit(Adult.Value.Table, Adult.Value.Metadata)),
        ["gaussian-copula"] = new(() => new GaussianCopulaSynthesizer().Fit(Adult.Value.Table, Adult.Value.Metadata)),
        // The differentially private network reuses the Bayesian network's evidence sampling (noise seeded for the test).
        ["mst"] = new(() => new Doppel.Synthesizers.Mst.MstSynthesizer(new Doppel.Synthesizers.Mst.DifferentialPrivacyOptions
        {
            Epsilon = 5, Noise = Doppel.Privacy.Dp.NoiseSource.InsecureSeededForTests(3),
        }).Fit(Adult.Value.Table, Adult.Value.Metadata)),
    };

    [Theory]
    [InlineData("sequential-tree")]
    [InlineData("bayesian-network")]
    [InlineData("gaussian-copula")] // two conditioned columns: one drawn exactly, the other met in latent space
    [InlineData("mst")]
    public void Condition_GivesTheModelsConditionalDistribution(string synthesizer)
    {
        var model = Models[synthesizer].Value;
        const string where = "race = 'Black' and age >= 30";
        var conditional = model.Sample(20_000, new SampleOptions { Seed = 5, Where = where });
        Assert.Equal(20_000, conditional.RowCount);
        Assert.All(TestData.Labels(conditional, "race"), v => Assert.Equal("Black", v));
        Assert.All(TestData.Numbers(conditional, "age"), v => Assert.True(v >= 30));

        // The reference: the model's unconditional rows that meet the condition.
        var unconditional = model.Sample(300_000, new SampleOptions { Seed = 6 });
        var predicate = model.Condition(where);
        var kept = Enumerable.Range(0, unconditional.RowCount).Where(r => predicate(unconditional, r)).ToList();
        Assert.True(kept.Count > 5_000, $"only {kept.Count} reference rows");
        var reference = TableRows.Select(unconditional, kept);
        foreach (string column in new[] { "education", "sex", "income", "marital-status" })
        {
            var (statistic, critical) = ChiSquareHomogeneity(TestData.Labels(conditional, column), TestData.Labels(reference, column));
            Assert.True(statistic < critical, $"{column}: chi-square {statistic:0.0} >= {critical:0.0}");
        }
        var ages = TestData.Numbers(conditional, "age");
        var referenceAges = TestData.Numbers(reference, "age");
        Assert.True(TestData.KolmogorovSmirnov(ages, referenceAges) < TestData.KsCritical(ages.Length, referenceAges.Length));
    }

    [Theory]
    [InlineData("sequential-tree")]
    [InlineData("bayesian-network")]
    [InlineData("gaussian-copula")] // (not mst: its codes group categories, so its draws are checked afterwards)
    public void CategoryCondition_IsMetByEveryDrawnRow_NotByRejection(string synthesizer)
    {
        // 'Black' is about a tenth of the rows and 'Female' a third: rejection would keep a thirtieth of a batch,
        // the conditional path all of it.
        var model = Models[synthesizer].Value;
        var conditions = ColumnConditions.Of(ExpressionParser.Parse("race = 'Black' and sex = 'Female'", model.Metadata.Columns.Select(c => c.Name), "--where"), model.Metadata);
        var batches = model.Generator.ConditionalBatches(conditions, model.Metadata);
        Assert.NotNull(batches);
        var batch = batches(0, 0, 4_096, 11);
        Assert.Equal(4_096, batch.RowCount);
        Assert.All(TestData.Labels(batch, "race"), v => Assert.Equal("Black", v));
        Assert.All(TestData.Labels(batch, "sex"), v => Assert.Equal("Female", v));
    }

    [Theory]
    [InlineData("sequential-tree")]
    [InlineData("bayesian-network")]
    [InlineData("mst")]
    public void Condition_IsDeterministicAcrossThreads_AndLeavesUnconditionalOutputAlone(string synthesizer)
    {
        var model = Models[synthesizer].Value;
        var meta = model.Metadata;
        string Csv(int threads, string? where) => CsvTableWriter.ToText(model.Sample(20_000, new SampleOptions { Seed = 8, Threads = threads, Where = where }), meta);
        Assert.Equal(Csv(1, "race = 'Other' or sex = 'Female'"), Csv(4, "race = 'Other' or sex = 'Female'"));
        Assert.Equal(Csv(1, "race = 'Black' and sex = 'Female'"), Csv(3, "race = 'Black' and sex = 'Female'"));
    }

    [Theory]
    [InlineData("sequential-tree", "race = 'Martian'")]
    [InlineData("bayesian-network", "race = 'Martian'")]
    [InlineData("sequential-tree", "age > 500")]
    [InlineData("bayesian-network", "age > 500")]
    public void ImpossibleCondition_IsUnsatisfiableAtOnce(string synthesizer, string where)
    {
        var model = Models[synthesizer].Value;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<DoppelException>(() => model.Sample(100, new SampleOptions { Seed = 1, Where = where }));
        Assert.Equal(ErrorKind.Unsatisfiable, e.Kind);
        Assert.Contains(where, e.Message);
        Assert.True(watch.Elapsed.TotalSeconds < 5, "the model knows at once, without generating a million rows");
    }

    /// <summary>Pearson's chi-square test that two samples share one categorical distribution, with its 0.1% critical value.</summary>
    internal static (double Statistic, double Critical) ChiSquareHomogeneity(string?[] a, string?[] b)
    {
        var categories = a.Concat(b).Select(v => v ?? "\0null").Distinct().ToList();
        var countA = categories.ToDictionary(c => c, _ => 0.0);
        var countB = categories.ToDictionary(c => c, _ => 0.0);
        foreach (var v in a) countA[v ?? "\0null"]++;
        foreach (var v in b) countB[v ?? "\0null"]++;
        double na = a.Length, nb = b.Length, n = na + nb;
        // Cells with a pooled expected count under 5 are merged (the chi-square approximation needs it).
        var cells = new List<(double A, double B)>();
        (double A, double B) small = (0, 0);
        foreach (var c in categories)
        {
            if ((countA[c] + countB[c]) * Math.Min(na, nb) / n < 5) small = (small.A + countA[c], small.B + countB[c]);
            else cells.Add((countA[c], countB[c]));
        }
        if (small.A + small.B > 0) cells.Add(small);
        double statistic = 0;
        foreach (var (x, y) in cells)
        {
            double pooled = (x + y) / n;
            statistic += Math.Pow(x - na * pooled, 2) / (na * pooled) + Math.Pow(y - nb * pooled, 2) / (nb * pooled);
        }
        int df = Math.Max(1, cells.Count - 1);
        // Wilson–Hilferty: the chi-square quantile at 1 − 0.001 (z = 3.09).
        double h = 2.0 / (9 * df);
        return (statistic, df * Math.Pow(1 - h + 3.09 * Math.Sqrt(h), 3));
    }
}
