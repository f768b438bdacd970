using System.Text.RegularExpressions;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Tests;

public class GaussianCopulaSynthesizerTests
{
    private const int N = 20_000;
    private static readonly Lazy<(Table Real, TableMetadata Meta, Table Synthetic)> Fitted = new(() =>
    {
        var (real, meta) = RealisticData.Make(N);
        var model = new GaussianCopulaSynthesizer().Fit(real, meta);
        return (real, meta, model.Sample(N, new SampleOptions { Seed = 5 }));
    });

    private static Table Real => Fitted.Value.Real;
    private static Table Synthetic => Fitted.Value.Synthetic;

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
    public void Sample_KeepsIntegersAndPrecision()
    {
        Assert.All(TestData.Numbers(Synthetic, "k"), v => Assert.Equal(Math.Round(v), v));
        Assert.All(TestData.Numbers(Synthetic, "x"), v => Assert.Equal(Math.Round(v, 2), v));
    }

    [Fact]
    public void Sample_KeepsPointMass()
    {
        double real = TestData.Numbers(Real, "k").Count(v => v == 0) / (double)N;
        double syn = TestData.Numbers(Synthetic, "k").Count(v => v == 0) / (double)N;
        Assert.InRange(syn, real - 4 * Math.Sqrt(2 * 0.7 * 0.3 / N), real + 4 * Math.Sqrt(2 * 0.7 * 0.3 / N));
    }

    [Fact]
    public void Sample_ReproducesCorrelation()
    {
        double real = TestData.Pearson(TestData.Numbers(Real, "x"), TestData.Numbers(Real, "y"));
        double syn = TestData.Pearson(TestData.Numbers(Synthetic, "x"), TestData.Numbers(Synthetic, "y"));
        // SE of r is about (1 − ρ²)/√n for each sample; 4 SE of the difference, plus the quantile marginals' small bias.
        double tolerance = 4 * (1 - RealisticData.Rho * RealisticData.Rho) * Math.Sqrt(2.0 / N) + 0.01;
        Assert.InRange(syn, real - tolerance, real + tolerance);
    }

    [Fact]
    public void Sample_ReproducesCategoryShares()
    {
        var real = TestData.Labels(Real, "c");
        var syn = TestData.Labels(Synthetic, "c");
        foreach (var level in new[] { "high", "mid", "low", "lowest" })
        {
            double p = real.Count(v => v == level) / (double)N, q = syn.Count(v => v == level) / (double)N;
            Assert.InRange(q, p - 4 * Math.Sqrt(2 * p * (1 - p) / N), p + 4 * Math.Sqrt(2 * p * (1 - p) / N));
        }
    }

    [Fact]
    public void Sample_KeepsCategoryNumberDependence()
    {
        // Mean of x among "high" rows is far above the overall mean in the real data; it must be so in synthetic data too.
        static double MeanHigh(Table t)
        {
            var x = (NumberColumn)t["x"];
            var c = TestData.Labels(t, "c");
            return Enumerable.Range(0, t.RowCount).Where(i => c[i] == "high").Average(i => x.Values[i]);
        }
        double real = MeanHigh(Real), syn = MeanHigh(Synthetic);
        Assert.True(real > 60);
        Assert.InRange(syn, real - 3, real + 3); // the copula approximates, an independent model would give about 50
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
        Assert.InRange(synAll, realAll - 4 * Math.Sqrt(2 * 0.16 * 0.84 / N), realAll + 4 * Math.Sqrt(2 * 0.16 * 0.84 / N));
        Assert.True(realHigh > 0.9);
        Assert.True(synHigh > 0.6, $"null share among high x is {synHigh:0.00}; nulls must depend on x");
    }

    [Fact]
    public void Sample_DatesStayInRangeAndOnDays()
    {
        var dates = (DateTimeColumn)Synthetic["date"];
        Assert.All(dates.Ticks, t =>
        {
            Assert.InRange(new DateTime(t), new DateTime(2020, 1, 1), new DateTime(2020, 12, 31));
            Assert.Equal(0, t % TimeSpan.TicksPerDay);
        });
    }

    [Fact]
    public void Sample_IdsAreUniqueIntegers()
    {
        var ids = ((StringColumn)Synthetic["id"]).Values;
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, v => Assert.True(long.TryParse(v, out _)));
    }

    [Fact]
    public void Sample_NeverCopiesPii()
    {
        var real = ((StringColumn)Real["mail"]).Values.ToHashSet();
        var syn = ((StringColumn)Synthetic["mail"]).Values;
        Assert.DoesNotContain(syn, real.Contains);
        Assert.All(syn, v => Assert.Matches(new Regex(@"^[a-z]+\.[a-z]+[0-9]{0,2}@example\.(com|org|net)$"), v!));
    }

    [Fact]
    public void Sample_NeverReproducesRareCategories()
    {
        var syn = TestData.Labels(Synthetic, "rare");
        Assert.DoesNotContain(syn, v => v!.StartsWith("unique", StringComparison.Ordinal));
        Assert.Contains("a", syn);
    }

    [Fact]
    public void Sample_RareToken_WritesMarker()
    {
        var (real, meta) = RealisticData.Make(2_000);
        var model = new GaussianCopulaSynthesizer(new SynthesizerOptions { RareAsToken = true }).Fit(real, meta);
        var labels = TestData.Labels(model.Sample(20_000, new SampleOptions { Seed = 1 }), "rare");
        Assert.Contains("_RARE_", labels);
        Assert.DoesNotContain(labels, v => v!.StartsWith("unique", StringComparison.Ordinal));
    }

    [Fact]
    public void Fit_KeepRare_AllowsRareCategories()
    {
        var (real, meta) = RealisticData.Make(2_000);
        var model = new GaussianCopulaSynthesizer(new SynthesizerOptions { KeepRare = true }).Fit(real, meta);
        var labels = TestData.Labels(model.Sample(50_000, new SampleOptions { Seed = 1 }), "rare");
        Assert.Contains(labels, v => v!.StartsWith("unique", StringComparison.Ordinal));
    }

    [Fact]
    public void Fit_TooFewRowsToProtect_IsRefusedWithTheMinimum()
    {
        // One row would come back verbatim, two as their mean: a table needs 20 rows (issue #10).
        foreach (string csv in (string[])["a,b,when\n3.5,red,2024-05-01\n", "a,b\n1,x\n2,y\n", TestData.Rows("a", 19, i => $"{i}")])
        {
            var (table, meta) = TestData.Load(csv);
            var e = Assert.Throws<DoppelException>(() => new GaussianCopulaSynthesizer().Fit(table, meta));
            Assert.Equal(ErrorKind.Data, e.Kind);
            Assert.Contains("at least 20", e.Message);
        }
        var (twenty, twentyMeta) = TestData.Load(TestData.Rows("a", 20, i => $"{i}"));
        Assert.Equal(20, new GaussianCopulaSynthesizer().Fit(twenty, twentyMeta).Sample(20, new SampleOptions { Seed = 1 }).RowCount);
    }

    [Fact]
    public void Fit_ConstantAndAllNullColumns_AreModelled()
    {
        var (table, meta) = TestData.Load(TestData.Rows("const,empty,v", 24, i => $"7,,{i % 6 + 1}"));
        var sample = new GaussianCopulaSynthesizer().Fit(table, meta).Sample(100, new SampleOptions { Seed = 1 });
        Assert.All(TestData.Numbers(sample, "const"), v => Assert.Equal(7, v));
        Assert.All(Enumerable.Range(0, 100), i => Assert.True(sample["empty"].IsNull(i)));
    }

    [Fact]
    public void Sample_IntegerIds_StartAtAPowerOfTen_NotTheSmallestKey()
    {
        // The smallest key is one row's value (issue #10): keys start at the power of ten below the fifth smallest.
        var (table, meta) = TestData.Load(TestData.Rows("customer_id,v", 40, i => $"{10_007 + 3 * i},{i % 4}"));
        Assert.Equal(SemanticType.Id, meta.Columns[0].Type);
        var model = new GaussianCopulaSynthesizer().Fit(table, meta);
        Assert.DoesNotContain("10007", System.Text.Encoding.UTF8.GetString(Doppel.Models.ModelFile.ToBytes(model)));
        var ids = ((StringColumn)model.Sample(5, new SampleOptions { Seed = 1 })["customer_id"]).Values;
        Assert.Equal("10000,10001,10002,10003,10004", string.Join(",", ids));
    }

    [Fact]
    public void Fit_ColumnWithFewerThanTwentyValues_IsGeneratedAsNull()
    {
        // 19 values among 40 rows are too few to hide any one of them.
        var (table, meta) = TestData.Load(TestData.Rows("sparse,v", 40, i => $"{(i < 19 ? (1000 + i * 7).ToString(System.Globalization.CultureInfo.InvariantCulture) : "")},{i}"));
        var sample = new GaussianCopulaSynthesizer().Fit(table, meta).Sample(200, new SampleOptions { Seed = 1 });
        Assert.All(Enumerable.Range(0, 200), i => Assert.True(sample["sparse"].IsNull(i)));
        Assert.Equal(200, TestData.Numbers(sample, "v").Length);
    }

    [Fact]
    public void Fit_HundredThousandCategories_Works()
    {
        const int n = 200_000;
        var codes = new int[n];
        var categories = Enumerable.Range(0, 100_000).Select(i => $"cat{i}").ToArray();
        for (int i = 0; i < n; i++) codes[i] = i % 100_000;
        var table = new Table([new CategoryColumn("c", codes, categories), new NumberColumn("v", [.. Enumerable.Range(0, n).Select(i => (double)(i % 97))])]);
        var meta = new TableMetadata("t", [new ColumnMetadata("c", SemanticType.Categorical), new ColumnMetadata("v", SemanticType.Numerical) { Integer = true }]);
        // Every category is seen twice, below the rare threshold: none may be reproduced, so the column is generated
        // fresh in the shapes of its values (issue #10: _RARE_ is written only when asked for).
        var sample = new GaussianCopulaSynthesizer().Fit(table, meta).Sample(1_000, new SampleOptions { Seed = 1 });
        Assert.All(((StringColumn)sample["c"]).Values, v => Assert.Matches(@"^[a-z]{3}\d{1,5}$", v));
        var tokens = new GaussianCopulaSynthesizer(new SynthesizerOptions { RareAsToken = true }).Fit(table, meta).Sample(1_000, new SampleOptions { Seed = 1 });
        Assert.All(TestData.Labels(tokens, "c"), v => Assert.Equal("_RARE_", v));
        var kept = new GaussianCopulaSynthesizer(new SynthesizerOptions { KeepRare = true }).Fit(table, meta).Sample(1_000, new SampleOptions { Seed = 1 });
        Assert.True(TestData.Labels(kept, "c").Distinct().Count() > 900);
    }

    [Fact]
    public void Fit_MismatchedMetadata_IsMetadataError()
    {
        var (table, _) = TestData.Load("a\n1\n2\n");
        var meta = new TableMetadata("t", [new ColumnMetadata("b", SemanticType.Numerical)]);
        var e = Assert.Throws<DoppelException>(() => new GaussianCopulaSynthesizer().Fit(table, meta));
        Assert.Equal(ErrorKind.Metadata, e.Kind);
    }
}

public class ExtremeValueTests
{
    [Fact]
    public void Fit_ValuesNearDoubleMax_SampleFiniteValuesInRange()
    {
        var (table, meta) = TestData.Load(TestData.Rows("x,y", 25, i => $"{((string[])["1e308", "-1e308", "5e307", "0", "-3e307"])[i % 5]},{i}"));
        var sample = new GaussianCopulaSynthesizer().Fit(table, meta).Sample(1_000, new SampleOptions { Seed = 1 });
        // Finite: the tails are extrapolated beyond the data's fifth most extreme values (no longer clamped to the
        // exact extremes, which are never stored), without overflowing.
        Assert.All(TestData.Numbers(sample, "x"), v => Assert.True(double.IsFinite(v), $"{v}"));
    }
}

public class PatternColumnTests
{
    [Fact]
    public void Sample_StringIdsFollowThePatternAndAreUnique()
    {
        var rows = string.Join("\n", Enumerable.Range(0, 50).Select(i => $"C-{i * 37 % 1000:00000},{i % 3}"));
        var (table, meta) = TestData.Load("order_id,v\n" + rows + "\n");
        Assert.Equal(Doppel.Metadata.SemanticType.Id, meta.Columns[0].Type);
        var ids = ((StringColumn)new GaussianCopulaSynthesizer().Fit(table, meta).Sample(20_000, new SampleOptions { Seed = 1 })["order_id"]).Values;
        Assert.All(ids, id => Assert.Matches(@"^C-\d{5}$", id!));
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Sample_IdPatternTooSmall_IsUnsatisfiable()
    {
        var rows = string.Join("\n", Enumerable.Range(0, 30).Select(i => $"K{i % 10}{i / 10},{i}"));
        var (table, meta) = TestData.Load("key_id,v\n" + rows + "\n");
        var model = new GaussianCopulaSynthesizer().Fit(table, meta);
        var e = Assert.Throws<DoppelException>(() => model.Sample(1_000, new SampleOptions { Seed = 1 }));
        Assert.Equal(ErrorKind.Unsatisfiable, e.Kind);
    }

    [Fact]
    public void Sample_TextIsNeverCopied()
    {
        var sentences = Enumerable.Range(0, 200).Select(i => $"The customer number {i} wrote a long and detailed comment about delivery").ToArray();
        var (table, meta) = TestData.Load("comment,v\n" + string.Join("\n", sentences.Select((s, i) => $"{s},{i % 5}")) + "\n");
        Assert.Equal(Doppel.Metadata.SemanticType.Text, meta.Columns[0].Type);
        var text = ((StringColumn)new GaussianCopulaSynthesizer().Fit(table, meta).Sample(2_000, new SampleOptions { Seed = 1 })["comment"]).Values;
        Assert.DoesNotContain(text, sentences.Contains);
        Assert.All(text, t => Assert.InRange(t!.Split(' ').Length, 12, 14)); // word count follows the real one (13)
    }
}
