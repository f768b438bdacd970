using System.Security.Cryptography;
using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Models;
using Doppel.Privacy.Dp;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Bayes;
using Doppel.Synthesizers.Mst;

namespace Doppel.Tests;

public class MstSynthesizerTests
{
    private const int N = 20_000;

    private static DifferentialPrivacyOptions Privacy(double epsilon, bool publicDomain = true, ulong noiseSeed = 1, string? target = null) =>
        new() { Epsilon = epsilon, PublicDomain = publicDomain, Noise = NoiseSource.InsecureSeededForTests(noiseSeed), Target = target };

    /// <summary>The network's test table (region determines language 85% of the time; plan depends on both; noise on nothing), its domain declared.</summary>
    private static (Table Table, TableMetadata Metadata) Categories(int n)
    {
        var (table, meta) = BayesianNetworkSynthesizerTests.Categories(n);
        return (table, DomainDescriber.Describe(table, meta));
    }

    /// <summary>
    /// A bound on how far a category's synthetic share may stray: the one-way noise (deviation σ per count, at most
    /// <paramref name="cells"/> counts merged into the category's group) over n, plus five sampling standard errors.
    /// </summary>
    private static double ShareTolerance(double epsilon, int columns, int cells, int n, int sampled)
    {
        double rho = Zcdp.Rho(epsilon, DifferentialPrivacyOptions.DefaultDelta);
        var split = new BudgetSplit();
        double sigma = Math.Sqrt(1 / (2 * rho * (split.OneWay / (1 - split.Domain)) / columns)); // public domain: the domain share goes to the others
        return 5 * sigma * Math.Sqrt(cells) / n + 5 * Math.Sqrt(0.25 / sampled);
    }

    [Fact]
    public void Fit_PublicDomain_ReproducesMarginalsAndTheStrongDependence()
    {
        var (real, meta) = Categories(N);
        var model = new MstSynthesizer(Privacy(2)).Fit(real, meta);
        var synthetic = model.Sample(N, new SampleOptions { Seed = 3 });
        double tolerance = ShareTolerance(2, 4, 5, N, N);
        foreach (var column in meta.Columns)
        {
            var a = TestData.Labels(real, column.Name);
            var b = TestData.Labels(synthetic, column.Name);
            Assert.All(b, label => Assert.NotNull(label));
            foreach (var category in column.Categories!)
                Assert.InRange(b.Count(x => x == category) / (double)N, a.Count(x => x == category) / (double)N - tolerance, a.Count(x => x == category) / (double)N + tolerance);
        }
        double realV = TestData.CramersV(TestData.Labels(real, "region"), TestData.Labels(real, "language"));
        double synV = TestData.CramersV(TestData.Labels(synthetic, "region"), TestData.Labels(synthetic, "language"));
        Assert.InRange(synV, realV - 0.1, realV + 0.1);
        // noise is independent of everything: its Cramér's V with region stays at the level of sampling noise.
        Assert.True(TestData.CramersV(TestData.Labels(synthetic, "region"), TestData.Labels(synthetic, "noise")) < 0.05);
    }

    [Fact]
    public void Fit_Numbers_KeepPointMassesNullsAndCentre()
    {
        var (real, meta) = RealisticData.Make(N);
        meta = DomainDescriber.Describe(real, meta);
        var model = new MstSynthesizer(Privacy(2)).Fit(real, meta);
        var synthetic = model.Sample(N, new SampleOptions { Seed = 4 });
        double tolerance = ShareTolerance(2, meta.Columns.Count, 8, N, N);
        // k: 70% zeros (the point cell at the lower bound).
        var k = TestData.Numbers(synthetic, "k");
        Assert.InRange(k.Count(v => v == 0) / (double)k.Length, 0.7 - tolerance - 0.02, 0.7 + tolerance + 0.02);
        // x ~ N(50, 10): the centre and spread survive the grid and the noise.
        var x = TestData.Numbers(synthetic, "x");
        Assert.InRange(x.Average(), 49, 51);
        Assert.InRange(Math.Sqrt(x.Select(v => (v - x.Average()) * (v - x.Average())).Average()), 9, 11);
        // w has nulls that depend on x; the share of nulls survives.
        var w = (NumberColumn)synthetic["w"];
        var wReal = (NumberColumn)real["w"];
        double realNulls = Enumerable.Range(0, N).Count(wReal.IsNull) / (double)N;
        double synNulls = Enumerable.Range(0, N).Count(w.IsNull) / (double)N;
        Assert.InRange(synNulls, realNulls - tolerance, realNulls + tolerance);
        // Values stay within the public bounds.
        Assert.InRange(x.Min(), meta.Find("x")!.Min!.Value, meta.Find("x")!.Max!.Value);
        Assert.InRange(x.Max(), meta.Find("x")!.Min!.Value, meta.Find("x")!.Max!.Value);
    }

    [Fact]
    public void Sample_SameSeed_ByteIdenticalWhateverTheThreads()
    {
        var (real, meta) = RealisticData.Make(5_000);
        var model = new MstSynthesizer(Privacy(1, publicDomain: false)).Fit(real, meta);
        Assert.Equal(Csv(model, 30_000, 5, 1), Csv(model, 30_000, 5, 4));
        Assert.NotEqual(Csv(model, 1_000, 5, 1), Csv(model, 1_000, 6, 1));
    }

    [Fact]
    public void Fit_SeededTestNoise_IsRepeatable_SecureNoiseIsNot()
    {
        var (real, meta) = Categories(5_000);
        byte[] a = ModelFile.ToBytes(new MstSynthesizer(Privacy(1, noiseSeed: 8)).Fit(real, meta));
        byte[] b = ModelFile.ToBytes(new MstSynthesizer(Privacy(1, noiseSeed: 8)).Fit(real, meta));
        Assert.Equal(a, b);
        var secure = new DifferentialPrivacyOptions { Epsilon = 1, PublicDomain = true };
        var c = new MstSynthesizer(secure).Fit(real, meta);
        var d = new MstSynthesizer(secure).Fit(real, meta);
        Assert.NotEqual(ModelFile.ToBytes(c), ModelFile.ToBytes(d));
        Assert.True(c.Privacy!.SecureNoise);
        Assert.False(new MstSynthesizer(Privacy(1)).Fit(real, meta).Privacy!.SecureNoise);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Model_RecordsTheBudgetSpent_AndWithholdsTheDataFingerprint(bool publicDomain)
    {
        var (real, meta) = RealisticData.Make(5_000);
        if (publicDomain) meta = DomainDescriber.Describe(real, meta);
        var model = new MstSynthesizer(Privacy(1, publicDomain)).Fit(real, meta);
        var budget = model.Privacy!;
        Assert.Equal(1, budget.Epsilon);
        Assert.Equal(DifferentialPrivacyOptions.DefaultDelta, budget.Delta);
        // Every charge adds up to the whole budget, never more.
        Assert.Equal(budget.Rho, budget.Spent.Sum(s => s.Rho), budget.Rho * 1e-9);
        Assert.Equal(publicDomain, budget.PublicDomain);
        Assert.Equal(!publicDomain, budget.Spent.Any(s => s.What.StartsWith("estimating the domain", StringComparison.Ordinal)));
        Assert.True(budget.Rho > Zcdp.Rho(1, DifferentialPrivacyOptions.DefaultDelta / 2) * 0.999 && budget.Rho <= Zcdp.Rho(1, DifferentialPrivacyOptions.DefaultDelta) * 1.000001);
        Assert.Equal(MstFitter.WithheldFingerprint, model.Source.DataSha256);

        var loaded = ModelFile.FromBytes(ModelFile.ToBytes(model), "m.doppel");
        Assert.Equal(budget with { Spent = [] }, loaded.Privacy! with { Spent = [] });
        Assert.Equal(budget.Spent, loaded.Privacy!.Spent);
        Assert.Equal(Csv(model, 2_000, 1, 2), Csv(loaded, 2_000, 1, 2));
        Assert.Equal(4, BitConverter.ToInt32(ModelFile.ToBytes(model), 8));
    }

    [Fact]
    public void Canaries_PrivateDomain_NeverAppear()
    {
        const int n = 5_000;
        var random = new RandomStream(3, 0);
        var city = new int[n];
        var amount = new double[n];
        var email = new string?[n];
        for (int i = 0; i < n; i++)
        {
            city[i] = random.NextInt(4);
            amount[i] = Math.Round(100 + 10 * random.NextNormal(), 2);
            email[i] = $"user{i}@example.org";
        }
        city[17] = 4; // a city only one row holds
        amount[17] = 987_654_321; // a value only one row holds
        email[17] = "canary.person@secret.example";
        var table = new Table(
        [
            new CategoryColumn("city", city, ["Oslo", "Lima", "Pune", "Kobe", "ZZ-CANARY"]),
            new NumberColumn("amount", amount),
            new StringColumn("email", email),
        ]);
        var meta = new TableMetadata("t",
        [
            new ColumnMetadata("city", SemanticType.Categorical), new ColumnMetadata("amount", SemanticType.Numerical) { Decimals = 2 },
            new ColumnMetadata("email", SemanticType.Pii) { Pii = PiiKind.Email },
        ]);
        var model = new MstSynthesizer(Privacy(1, publicDomain: false)).Fit(table, meta);
        var synthetic = model.Sample(50_000, new SampleOptions { Seed = 2 });
        Assert.DoesNotContain("ZZ-CANARY", TestData.Labels(synthetic, "city"));
        Assert.True(TestData.Numbers(synthetic, "amount").Max() < 1e6);
        var emails = ((StringColumn)synthetic["email"]).Values;
        Assert.DoesNotContain("canary.person@secret.example", emails);
        Assert.Empty(emails.Intersect(email));
        Assert.All(emails, e => Assert.Contains("@", e!));
    }

    [Fact]
    public void Fit_BadBudgets_AreClearErrors()
    {
        var (real, meta) = Categories(1_000);
        Assert.Equal(ErrorKind.Usage, Assert.Throws<DoppelException>(() => new MstSynthesizer(Privacy(0)).Fit(real, meta)).Kind);
        Assert.Equal(ErrorKind.Usage, Assert.Throws<DoppelException>(() => new MstSynthesizer(Privacy(double.NaN)).Fit(real, meta)).Kind);
        var delta = Assert.Throws<DoppelException>(() => new MstSynthesizer(Privacy(1) with { Delta = 1e-3 }).Fit(real, meta));
        Assert.Equal(ErrorKind.Usage, delta.Kind);
        Assert.Contains("1/n", delta.Message);
        var small = Assert.Throws<DoppelException>(() => new MstSynthesizer(Privacy(1e-5)).Fit(real, meta));
        Assert.Equal(ErrorKind.PrivacyBudget, small.Kind);
        Assert.Contains("too small", small.Message);
        var minimum = System.Text.RegularExpressions.Regex.Match(small.Message, @"smallest epsilon that would work here is about ([0-9.]+(?:E[-+]?[0-9]+)?)");
        Assert.True(minimum.Success, small.Message);
        // Twice the suggested minimum fits (the suggestion is not a bluff).
        double suggested = double.Parse(minimum.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotNull(new MstSynthesizer(Privacy(2 * suggested)).Fit(real, meta));
        var split = Assert.Throws<DoppelException>(() => new MstSynthesizer(Privacy(1) with { Split = new BudgetSplit(0.1, 0.5, 0.5, 0.5) }).Fit(real, meta));
        Assert.Contains("sum to 1", split.Message);
    }

    [Fact]
    public void Fit_PublicDomainViolations_ClipNumbersWithAWarning_RefuseUnknownCategories()
    {
        var (real, meta) = RealisticData.Make(3_000);
        meta = DomainDescriber.Describe(real, meta);
        var x = TestData.Numbers(real, "x");
        double cap = x.Order().ElementAt(x.Length - 31); // 30 values lie above
        meta = meta with { Columns = [.. meta.Columns.Select(c => c.Name == "x" ? c with { Max = cap } : c)] };
        var warnings = new List<string>();
        var model = new MstSynthesizer(Privacy(1)).Fit(real, meta, warnings);
        Assert.Contains(warnings, w => w.Contains("'x'", StringComparison.Ordinal) && w.Contains("30 values", StringComparison.Ordinal) && w.Contains("clipped", StringComparison.Ordinal));
        Assert.True(TestData.Numbers(model.Sample(5_000, new SampleOptions { Seed = 1 }), "x").Max() <= cap);

        var (cats, catMeta) = Categories(1_000);
        catMeta = catMeta with { Columns = [.. catMeta.Columns.Select(c => c.Name == "region" ? c with { Categories = ["north", "south"] } : c)] };
        var e = Assert.Throws<DoppelException>(() => new MstSynthesizer(Privacy(1)).Fit(cats, catMeta));
        Assert.Equal(ErrorKind.Data, e.Kind);
        Assert.Contains("'region'", e.Message);
    }

    [Fact]
    public void Fit_PrivateDomain_DropsCategoriesTooRareToRelease()
    {
        var (real, meta) = Categories(N);
        var codes = ((CategoryColumn)real["noise"]).Codes.ToArray();
        for (int i = 0; i < 3; i++) codes[i * 100] = 5; // "rare" held by three rows
        var table = new Table([.. real.Columns.Select(c => c.Name == "noise" ? new CategoryColumn("noise", codes, ["a", "b", "c", "d", "e", "rare"]) : c)]);
        var model = new MstSynthesizer(Privacy(1, publicDomain: false)).Fit(table, meta);
        var node = (DpCategoricalNode)((BayesGenerator)model.Generator).Columns[3];
        Assert.Equal(["a", "b", "c", "d", "e"], node.Categories);
        Assert.DoesNotContain("rare", TestData.Labels(model.Sample(20_000, new SampleOptions { Seed = 1 }), "noise"));
    }

    [Fact]
    public void Fit_PrivateDomain_BooleanColumnStoredAsCategories_PaysItsThresholdFromDelta()
    {
        // A boolean-typed column read as text categories ("yes"/"no") has a data-dependent category list: its
        // threshold must be paid from δ, and with a share of δ its categories are released.
        var random = new RandomStream(4, 0);
        int[] codes = [.. Enumerable.Range(0, 5_000).Select(_ => random.NextInt(2))];
        var table = new Table([new CategoryColumn("member", codes, ["no", "yes"])]);
        var meta = new TableMetadata("t", [new ColumnMetadata("member", SemanticType.Boolean)]);
        var model = new MstSynthesizer(Privacy(1, publicDomain: false)).Fit(table, meta);
        var node = (DpCategoricalNode)((BayesGenerator)model.Generator).Columns[0];
        Assert.Equal(["no", "yes"], node.Categories);
        Assert.True(model.Privacy!.Rho < Zcdp.Rho(1, DifferentialPrivacyOptions.DefaultDelta), "half of delta pays for the threshold");
    }

    [Fact]
    public void Fit_TextColumn_IsRefused()
    {
        var table = new Table([new StringColumn("note", [.. Enumerable.Range(0, 100).Select(i => $"free text {i}")])]);
        var meta = new TableMetadata("t", [new ColumnMetadata("note", SemanticType.Text)]);
        var e = Assert.Throws<DoppelException>(() => new MstSynthesizer(Privacy(1)).Fit(table, meta));
        Assert.Equal(ErrorKind.Metadata, e.Kind);
        Assert.Contains("'note'", e.Message);
    }

    [Fact]
    public void Fit_WithTarget_EveryColumnDependsOnTheTarget()
    {
        var (real, meta) = Categories(N);
        var model = new MstSynthesizer(Privacy(2, target: "plan")).Fit(real, meta);
        var generator = (BayesGenerator)model.Generator;
        Assert.Equal(2, generator.Order[0]);
        foreach (var node in generator.Columns.Where(c => c.Name != "plan"))
            Assert.Equal(2, ((DpCategoricalNode)node).Table.Parents[0]);
        // plan depends on region and language jointly: both dependences survive.
        var synthetic = model.Sample(N, new SampleOptions { Seed = 1 });
        foreach (var column in (string[])["region", "language"])
        {
            double realV = TestData.CramersV(TestData.Labels(real, "plan"), TestData.Labels(real, column));
            double synV = TestData.CramersV(TestData.Labels(synthetic, "plan"), TestData.Labels(synthetic, column));
            Assert.InRange(synV, realV - 0.08, realV + 0.08);
        }
        var unknown = Assert.Throws<DoppelException>(() => new MstSynthesizer(Privacy(1, target: "nope")).Fit(real, meta));
        Assert.Contains("'nope'", unknown.Message);
    }

    [Fact]
    public void Catalog_DifferentialPrivacyNeedsTheRightSynthesizer()
    {
        var privacy = Privacy(1);
        Assert.IsType<MstSynthesizer>(SynthesizerCatalog.Create("mst", null, privacy));
        Assert.Equal(ErrorKind.Usage, Assert.Throws<DoppelException>(() => SynthesizerCatalog.Create("mst")).Kind);
        var refused = Assert.Throws<DoppelException>(() => SynthesizerCatalog.Create("gaussian-copula", null, privacy));
        Assert.Contains("cannot honour", refused.Message);
        Assert.Contains("mst", SynthesizerCatalog.AllNames);
        Assert.DoesNotContain("mst", SynthesizerCatalog.Names);
    }

    [Fact]
    public void Sample_Where_GivesExactCounts()
    {
        var (real, meta) = Categories(5_000);
        var model = new MstSynthesizer(Privacy(1)).Fit(real, meta);
        var rows = model.Sample(3_000, new SampleOptions { Seed = 1, Where = "region = 'east'" });
        Assert.Equal(3_000, rows.RowCount);
        Assert.All(TestData.Labels(rows, "region"), r => Assert.Equal("east", r));
    }

    [Fact]
    public void Sample_Golden_OutputIsAContract()
    {
        // A change in seeded output (or in the fit given seeded test noise) is a breaking change: update only on purpose.
        // Changed 2026-11-25: the default budget split gives the private domain 0.3.
        // Changed 2026-12-03: decimals are written with the metadata's places (12.50, not 12.5); the values are unchanged.
        var (real, meta) = RealisticData.Make(2_000);
        var model = new MstSynthesizer(Privacy(1, publicDomain: false, noiseSeed: 2026, target: "c")).Fit(real, meta);
        string hash = Csv(model, 20_000, 2026, 2);
        Assert.True(hash == "49101C9CF96B07BA4DB53A9DD8705EA8C40215B858A253FA2FA8185517A6C8A6", $"seeded output changed: SHA-256 is now {hash}");
    }

    private static string Csv(SynthesisModel model, long rows, ulong seed, int threads)
    {
        using var memory = new MemoryStream();
        using (var writer = new CsvTableWriter(memory, model.Metadata))
            model.Sample(rows, new SampleOptions { Seed = seed, Threads = threads }, writer);
        return Convert.ToHexString(SHA256.HashData(memory.ToArray()));
    }
}
