using System.Security.Cryptography;
using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Models;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Bayes;

namespace Doppel.Tests;

public class BayesianNetworkSynthesizerTests
{
    private const int N = 10_000;
    private static readonly Lazy<(Table Real, TableMetadata Meta, SynthesisModel Model, Table Synthetic)> Fitted = new(() =>
    {
        var (real, meta) = RealisticData.Make(N);
        var model = new BayesianNetworkSynthesizer().Fit(real, meta);
        return (real, meta, model, model.Sample(N, new SampleOptions { Seed = 5 }));
    });

    private static Table Real => Fitted.Value.Real;
    private static Table Synthetic => Fitted.Value.Synthetic;

    private static byte[] SampleCsv(SynthesisModel model, long rows, ulong seed, int threads)
    {
        using var memory = new MemoryStream();
        using (var writer = new CsvTableWriter(memory, model.Metadata))
            model.Sample(rows, new SampleOptions { Seed = seed, Threads = threads }, writer);
        return memory.ToArray();
    }

    /// <summary>
    /// region (4 levels) determines language most of the time (85%, else uniform); plan depends on both region and
    /// language (an interaction); noise is independent of everything.
    /// </summary>
    internal static (Table Table, TableMetadata Metadata) Categories(int n)
    {
        var random = new RandomStream(7, 0);
        var region = new int[n]; var language = new int[n]; var plan = new int[n]; var noise = new int[n];
        for (int i = 0; i < n; i++)
        {
            region[i] = random.NextInt(4);
            language[i] = random.NextDouble() < 0.85 ? region[i] : random.NextInt(4);
            plan[i] = (region[i] + language[i]) % 3 == 0 ? (random.NextDouble() < 0.9 ? 0 : 1) : random.NextInt(3);
            noise[i] = random.NextInt(5);
        }
        var table = new Table(
        [
            new CategoryColumn("region", region, ["north", "south", "east", "west"]),
            new CategoryColumn("language", language, ["fi", "it", "pl", "pt"]),
            new CategoryColumn("plan", plan, ["basic", "plus", "pro"]),
            new CategoryColumn("noise", noise, ["a", "b", "c", "d", "e"]),
        ]);
        var meta = new TableMetadata("t",
        [
            new ColumnMetadata("region", SemanticType.Categorical), new ColumnMetadata("language", SemanticType.Categorical),
            new ColumnMetadata("plan", SemanticType.Categorical), new ColumnMetadata("noise", SemanticType.Categorical),
        ]);
        return (table, meta);
    }

    [Fact]
    public void Catalog_CreatesBayesianNetwork()
    {
        Assert.Contains(BayesianNetworkSynthesizer.SynthesizerName, SynthesizerCatalog.Names);
        Assert.IsType<BayesianNetworkSynthesizer>(SynthesizerCatalog.Create("bayesian-network"));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("y")]
    [InlineData("k")]
    [InlineData("w")]
    public void Sample_ReproducesNumericMarginals(string column)
    {
        double[] real = TestData.Numbers(Real, column), syn = TestData.Numbers(Synthetic, column);
        Assert.True(TestData.KolmogorovSmirnov(real, syn) < TestData.KsCritical(real.Length, syn.Length),
            $"KS statistic {TestData.KolmogorovSmirnov(real, syn):0.0000} above the 0.1% critical value");
        Assert.InRange(syn.Min(), real.Min(), real.Max());
        Assert.InRange(syn.Max(), real.Min(), real.Max());
    }

    [Fact]
    public void Sample_ReproducesCategoricalShares()
    {
        var real = TestData.Labels(Real, "c");
        var syn = TestData.Labels(Synthetic, "c");
        foreach (var level in real.Distinct())
        {
            double p = real.Count(v => v == level) / (double)N, q = syn.Count(v => v == level) / (double)N;
            double tolerance = 4 * Math.Sqrt(2 * p * (1 - p) / N);
            Assert.InRange(q, p - tolerance, p + tolerance);
        }
    }

    [Fact]
    public void Sample_ReproducesCategoricalDependenceAndInteraction()
    {
        const int n = 20_000;
        var (real, meta) = Categories(n);
        var model = new BayesianNetworkSynthesizer().Fit(real, meta);
        var syn = model.Sample(n, new SampleOptions { Seed = 3 });
        double realV = TestData.CramersV(TestData.Labels(real, "region"), TestData.Labels(real, "language"));
        double synV = TestData.CramersV(TestData.Labels(syn, "region"), TestData.Labels(syn, "language"));
        Assert.True(realV > 0.8);
        // V's sampling error at n = 20,000 is below 0.01; the fitted table adds as much again.
        Assert.InRange(synV, realV - 0.03, realV + 0.03);
        Assert.True(TestData.CramersV(TestData.Labels(syn, "noise"), TestData.Labels(syn, "region")) < 0.05);
        // plan depends on region and language jointly: with both as parents the rule's share is kept.
        static double RuleShare(Table t)
        {
            var r = TestData.Labels(t, "region"); var l = TestData.Labels(t, "language"); var p = TestData.Labels(t, "plan");
            string[] regions = ["north", "south", "east", "west"], languages = ["fi", "it", "pl", "pt"];
            var rows = Enumerable.Range(0, t.RowCount).Where(i => (Array.IndexOf(regions, r[i]) + Array.IndexOf(languages, l[i])) % 3 == 0).ToArray();
            return rows.Count(i => p[i] == "basic") / (double)rows.Length;
        }
        Assert.InRange(RuleShare(syn), RuleShare(real) - 0.03, RuleShare(real) + 0.03);
        var generator = (BayesGenerator)model.Generator;
        var plan = (CategoricalBayesNode)generator.Columns[2];
        Assert.Equal([0, 1], plan.Table.Parents.Order());
    }

    [Fact]
    public void Sample_KeepsIntegersPrecisionAndPointMass()
    {
        Assert.All(TestData.Numbers(Synthetic, "k"), v => Assert.Equal(Math.Round(v), v));
        Assert.All(TestData.Numbers(Synthetic, "x"), v => Assert.Equal(Math.Round(v, 2), v));
        double real = TestData.Numbers(Real, "k").Count(v => v == 0) / (double)N;
        double syn = TestData.Numbers(Synthetic, "k").Count(v => v == 0) / (double)N;
        double tolerance = 4 * Math.Sqrt(2 * 0.7 * 0.3 / N);
        Assert.InRange(syn, real - tolerance, real + tolerance);
    }

    [Fact]
    public void Sample_ReproducesNullShareAndItsDependence()
    {
        static (double All, double WhenHigh) Nulls(Table t)
        {
            var w = t["w"];
            var x = (NumberColumn)t["x"];
            int high = 0, highNull = 0, nulls = 0;
            for (int i = 0; i < t.RowCount; i++)
            {
                if (w.IsNull(i)) nulls++;
                if (x.Values[i] > 60) { high++; if (w.IsNull(i)) highNull++; }
            }
            return (nulls / (double)t.RowCount, highNull / (double)high);
        }
        var (realAll, realHigh) = Nulls(Real);
        var (synAll, synHigh) = Nulls(Synthetic);
        double tolerance = 4 * Math.Sqrt(2 * 0.16 * 0.84 / N);
        Assert.InRange(synAll, realAll - tolerance, realAll + tolerance);
        Assert.True(realHigh > 0.9);
        // Only the x bin that straddles 60 blurs the rule.
        Assert.True(synHigh > 0.9, $"null share among high x is {synHigh:0.00}; nulls must depend on x");
    }

    [Fact]
    public void Sample_ReproducesNumericCorrelation()
    {
        double real = TestData.Pearson(TestData.Numbers(Real, "x"), TestData.Numbers(Real, "y"));
        double syn = TestData.Pearson(TestData.Numbers(Synthetic, "x"), TestData.Numbers(Synthetic, "y"));
        // 20 bins per column lose a little of ρ = 0.8 (bin-level dependence only).
        Assert.InRange(syn, real - 0.05, real + 0.02);
    }

    [Fact]
    public void Sample_DatesIdsAndPiiAreGeneratedAsByTheCopula()
    {
        var dates = (DateTimeColumn)Synthetic["date"];
        Assert.All(dates.Ticks, t =>
        {
            Assert.InRange(new DateTime(t), new DateTime(2020, 1, 1), new DateTime(2020, 12, 31));
            Assert.Equal(0, t % TimeSpan.TicksPerDay);
        });
        var ids = ((StringColumn)Synthetic["id"]).Values;
        Assert.Equal(ids.Length, ids.Distinct().Count());
        var mails = ((StringColumn)Real["mail"]).Values.ToHashSet();
        Assert.DoesNotContain(((StringColumn)Synthetic["mail"]).Values, mails.Contains);
    }

    [Fact]
    public void Sample_NeverReproducesRareCategories()
    {
        var syn = TestData.Labels(Synthetic, "rare");
        Assert.DoesNotContain(syn, v => v!.StartsWith("unique", StringComparison.Ordinal));
        Assert.Contains("a", syn);
        var (real, meta) = RealisticData.Make(2_000);
        var token = new BayesianNetworkSynthesizer(new SynthesizerOptions { RareAsToken = true }).Fit(real, meta);
        var labels = TestData.Labels(token.Sample(20_000, new SampleOptions { Seed = 1 }), "rare");
        Assert.Contains("_RARE_", labels);
        Assert.DoesNotContain(labels, v => v!.StartsWith("unique", StringComparison.Ordinal));
        var keep = new BayesianNetworkSynthesizer(new SynthesizerOptions { KeepRare = true }).Fit(real, meta);
        Assert.Contains(TestData.Labels(keep.Sample(50_000, new SampleOptions { Seed = 1 }), "rare"), v => v!.StartsWith("unique", StringComparison.Ordinal));
    }

    [Fact]
    public void Sample_CopiesOnlyValuesHeldByManyRows()
    {
        // Full-precision values with a point mass at 0: a synthetic value equal to a training value must be one that
        // at least k = 5 training rows share; the model itself stores no other training value.
        var random = new RandomStream(9, 0);
        const int n = 4_000;
        var v = new double[n];
        var group = new int[n];
        for (int i = 0; i < n; i++)
        {
            group[i] = random.NextInt(4);
            v[i] = random.NextDouble() < 0.3 ? 0 : group[i] * 10 + Math.Exp(random.NextNormal());
        }
        var table = new Table([new CategoryColumn("group", group, ["a", "b", "c", "d"]), new NumberColumn("v", v)]);
        var meta = new TableMetadata("t", [new ColumnMetadata("group", SemanticType.Categorical), new ColumnMetadata("v", SemanticType.Numerical)]);
        var counts = v.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        var model = new BayesianNetworkSynthesizer().Fit(table, meta);
        var syn = TestData.Numbers(model.Sample(20_000, new SampleOptions { Seed = 3 }), "v");
        var copied = syn.Where(counts.ContainsKey).ToArray();
        Assert.All(copied, x => Assert.True(counts[x] >= 5, $"value {x} held by {counts[x]} training rows was copied"));
        Assert.Contains(0.0, copied);
        double zeros = syn.Count(x => x == 0) / (double)syn.Length;
        Assert.InRange(zeros, 0.3 - 4 * Math.Sqrt(0.21 / n), 0.3 + 4 * Math.Sqrt(0.21 / n));
        var column = ((BayesGenerator)model.Generator).Columns.OfType<NumericBayesNode>().Single();
        var stored = column.Bins.Append(column.Fallback).SelectMany(l => l.Knots.Concat(l.Points)).ToArray();
        Assert.NotEmpty(stored);
        Assert.All(stored, x => Assert.True(counts.GetValueOrDefault(x) is 0 or >= 5, $"the model stores {x}, held by {counts.GetValueOrDefault(x)} rows"));
    }

    [Fact]
    public void Model_HoldsNoRowsAndSmallTables()
    {
        var generator = (BayesGenerator)Fitted.Value.Model.Generator;
        var settings = new BayesSettings();
        foreach (var node in generator.Columns.OfType<NumericBayesNode>())
        {
            Assert.True(node.Bins.Length <= settings.MaxBins + 5, $"{node.Name}: {node.Bins.Length} bins");
            Assert.True(node.Table.Parents.Length <= settings.MaxParents);
        }
        foreach (var node in generator.Columns.OfType<CategoricalBayesNode>())
            Assert.True(node.Table.Parents.Length <= settings.MaxParents);
        string text = System.Text.Encoding.UTF8.GetString(ModelFile.ToBytes(Fitted.Value.Model));
        Assert.DoesNotContain("@realmail.com", text);
        Assert.DoesNotContain("unique-r", text);
    }

    [Fact]
    public void ModelFile_RoundTrip_SamplesIdentically()
    {
        var model = Fitted.Value.Model;
        string path = Path.Combine(TestData.TempFolder(), "bayes.doppel");
        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);
        Assert.Equal(BayesianNetworkSynthesizer.SynthesizerName, loaded.Synthesizer);
        byte[] bytes = ModelFile.ToBytes(model);
        Assert.Equal(3, BitConverter.ToInt32(bytes, 8)); // the lowest version that holds a network
        Assert.Equal(bytes, ModelFile.ToBytes(loaded));
        Assert.Equal(SampleCsv(model, 2_000, 4, 1), SampleCsv(loaded, 2_000, 4, 1));
    }

    [Fact]
    public void ModelFile_InconsistentNetwork_IsModelError()
    {
        var model = Fitted.Value.Model;
        var generator = (BayesGenerator)model.Generator;
        var e = Assert.Throws<DoppelException>(() => new SynthesisModel(model.Synthesizer, model.Metadata,
            new BayesGenerator { Columns = generator.Columns, Order = [.. generator.Order.Reverse()] }, model.Source, model.Options));
        Assert.Equal(ErrorKind.Model, e.Kind);
        int c = generator.Order.First(o => generator.Columns[o] is NumericBayesNode { Table.Parents.Length: > 0 });
        var node = (NumericBayesNode)generator.Columns[c];
        var broken = new NumericBayesNode
        {
            Name = node.Name, Bins = node.Bins[1..], Fallback = node.Fallback, Table = node.Table, Min = node.Min, Max = node.Max,
        };
        e = Assert.Throws<DoppelException>(() => new SynthesisModel(model.Synthesizer, model.Metadata,
            new BayesGenerator { Columns = [.. generator.Columns.Select((n, i) => i == c ? broken : n)], Order = generator.Order }, model.Source, model.Options));
        Assert.Equal(ErrorKind.Model, e.Kind);
    }

    [Fact]
    public void Sample_OneThreadAndTwoThreads_AreByteIdentical()
    {
        var model = Fitted.Value.Model;
        const long rows = 2 * SamplingPipeline.BatchSize + 123; // several batches, a partial last one
        byte[] one = SampleCsv(model, rows, 99, 1);
        Assert.Equal(one, SampleCsv(model, rows, 99, 2));
        Assert.NotEqual(one, SampleCsv(model, rows, 100, 2));
    }

    [Fact]
    public void Fit_IsDeterministic()
    {
        var (real, meta) = RealisticData.Make(3_000);
        Assert.Equal(ModelFile.ToBytes(new BayesianNetworkSynthesizer().Fit(real, meta)), ModelFile.ToBytes(new BayesianNetworkSynthesizer().Fit(real, meta)));
    }

    [Fact]
    public void Sample_Golden_OutputIsAContract()
    {
        // A change in seeded output is a breaking change (GUIDE section 7): update this hash only on purpose.
        var (real, meta) = RealisticData.Make(2_000);
        var model = new BayesianNetworkSynthesizer().Fit(real, meta);
        string hash = Convert.ToHexStringLower(SHA256.HashData(SampleCsv(model, 20_000, 2026, 2)));
        Assert.True(GoldenNetwork == hash, $"seeded output changed: SHA-256 is now {hash}");
    }

    // Changed 2026-12-03 (issue #10): knots from disjoint blocks of five, extremes never used, tails extrapolated.
    // Changed 2026-12-03: decimals are written with the metadata's places (12.50, not 12.5); the values are unchanged.
    private const string GoldenNetwork = "857f9558d1b0ed09e29ad88855dca6dda4fe338e98d768b3af16e65bac9d03e7";

    [Fact]
    public void Fit_TooFewRowsToProtect_IsRefusedWithTheMinimum()
    {
        // One row would come back verbatim, two as their mean: a table needs 20 rows (issue #10).
        foreach (string csv in (string[])["a,b,when\n3.5,red,2024-05-01\n", "a,b\n1,x\n2,y\n", TestData.Rows("a", 19, i => $"{i}")])
        {
            var (table, meta) = TestData.Load(csv);
            var e = Assert.Throws<DoppelException>(() => new BayesianNetworkSynthesizer().Fit(table, meta));
            Assert.Equal(ErrorKind.Data, e.Kind);
            Assert.Contains("at least 20", e.Message);
        }
        var (twenty, twentyMeta) = TestData.Load(TestData.Rows("a", 20, i => $"{i}"));
        Assert.Equal(20, new BayesianNetworkSynthesizer().Fit(twenty, twentyMeta).Sample(20, new SampleOptions { Seed = 1 }).RowCount);
    }

    [Fact]
    public void Fit_ConstantAndAllNullColumns_AreModelled()
    {
        var (table, meta) = TestData.Load(TestData.Rows("const,empty,v,label", 24, i => $"7,,{i % 6 + 1},{(i % 6 is 2 or 4 ? "y" : "x")}"));
        var sample = new BayesianNetworkSynthesizer().Fit(table, meta).Sample(100, new SampleOptions { Seed = 1 });
        Assert.All(TestData.Numbers(sample, "const"), v => Assert.Equal(7, v));
        Assert.All(Enumerable.Range(0, 100), i => Assert.True(sample["empty"].IsNull(i)));
        Assert.All(TestData.Numbers(sample, "v"), v => Assert.InRange(v, 1, 6));
    }

    [Fact]
    public void Fit_HundredThousandCategories_StaysSmall()
    {
        const int n = 200_000;
        var codes = new int[n];
        var categories = Enumerable.Range(0, 100_000).Select(i => $"cat{i}").ToArray();
        for (int i = 0; i < n; i++) codes[i] = i % 100_000;
        var table = new Table([new CategoryColumn("c", codes, categories), new NumberColumn("v", [.. Enumerable.Range(0, n).Select(i => (double)(i % 97))])]);
        var meta = new TableMetadata("t", [new ColumnMetadata("c", SemanticType.Categorical), new ColumnMetadata("v", SemanticType.Numerical) { Integer = true }]);
        // Kept, 100,000 categories are never a parent and their table would be too big to have one: a marginal.
        var model = new BayesianNetworkSynthesizer(new SynthesizerOptions { KeepRare = true }).Fit(table, meta);
        var generator = (BayesGenerator)model.Generator;
        Assert.All(generator.Columns.OfType<NumericBayesNode>(), node => Assert.Empty(node.Table.Parents));
        Assert.All(generator.Columns.OfType<CategoricalBayesNode>(), node => Assert.Equal(100_002, node.Table.Counts.Length));
        var kept = model.Sample(1_000, new SampleOptions { Seed = 1 });
        Assert.True(TestData.Labels(kept, "c").Distinct().Count() > 900);
        Assert.All(TestData.Numbers(kept, "v"), v => Assert.InRange(v, 0, 96));
    }

    [Fact]
    public void Fit_MismatchedMetadata_IsMetadataError()
    {
        var (table, _) = TestData.Load("a,b\n1,2\n");
        var (_, other) = TestData.Load("a,c\n1,2\n");
        var e = Assert.Throws<DoppelException>(() => new BayesianNetworkSynthesizer().Fit(table, other));
        Assert.Equal(ErrorKind.Metadata, e.Kind);
    }
}

public class BayesianNetworkExtremeValueTests
{
    [Fact]
    public void Fit_ValuesNearDoubleMax_SaveAndSampleFinite()
    {
        var rows = string.Join("\n", Enumerable.Range(0, 60).Select(i => $"{(i % 2 == 0 ? 1 : -1) * (1e308 - i * 1e305)},{i % 3}"));
        var (table, meta) = TestData.Load("x,c\n" + rows + "\n");
        var model = new Doppel.Synthesizers.Bayes.BayesianNetworkSynthesizer().Fit(table, meta);
        var loaded = Doppel.Models.ModelFile.FromBytes(Doppel.Models.ModelFile.ToBytes(model), "m");
        Assert.All(TestData.Numbers(loaded.Sample(500, new Doppel.Sampling.SampleOptions { Seed = 1 }), "x"), v => Assert.True(double.IsFinite(v)));
    }
}
