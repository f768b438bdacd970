using System.Globalization;
using System.Text;
using Doppel.Constraints;
using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Models;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Privacy.Dp;
using Doppel.Synthesizers.Bayes;
using Doppel.Synthesizers.Mst;
using Doppel.Synthesizers.Trees;

namespace Doppel.Tests;

public class ConstraintTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static TheoryData<string> Synthesizers => [.. SynthesizerCatalog.Names];

    private static (Table Table, TableMetadata Metadata) Adult() =>
        TableFiles.Load(Path.Combine(AppContext.BaseDirectory, "samples", "adult.csv"));

    /// <summary>
    /// A table with a sum, a product, two datetimes in order, a one-hot group and city/country pairs, all holding in
    /// the real rows; the synthesizers do not know any of it.
    /// </summary>
    private static (Table Table, TableMetadata Metadata) Shop(int rows = 1_500)
    {
        var random = new RandomStream(7, 1);
        (string City, string Country)[] places = [("Paris", "France"), ("Lyon", "France"), ("Berlin", "Germany"), ("Munich", "Germany"), ("Rome", "Italy")];
        var csv = new StringBuilder("price,tax,total,quantity,amount,ordered,delivered,card,cash,voucher,city,country,discount\n");
        var start = new DateTime(2024, 1, 1);
        for (int i = 0; i < rows; i++)
        {
            double price = Math.Round(5 + 95 * random.NextDouble(), 2);
            double tax = Math.Round(price * 0.2 * random.NextDouble(), 2);
            int quantity = 1 + random.NextInt(9);
            var ordered = start.AddMinutes(random.NextInt(500_000));
            var delivered = ordered.AddMinutes(30 + random.NextInt(10_000));
            int pay = random.NextInt(3);
            var place = places[random.NextInt(places.Length)];
            csv.Append(Invariant, $"{price:0.00},{tax:0.00},{price + tax:0.00},{quantity},{price * quantity:0.00},{ordered:yyyy-MM-dd HH:mm:ss},{delivered:yyyy-MM-dd HH:mm:ss},");
            csv.Append(pay == 0 ? "true" : "false").Append(',').Append(pay == 1 ? "true" : "false").Append(',').Append(pay == 2 ? "true" : "false");
            csv.Append(',').Append(place.City).Append(',').Append(place.Country).Append(Invariant, $",{-0.5 - 20 * random.NextDouble():0.00}\n");
        }
        return TestData.Load(csv.ToString());
    }

    /// <summary>Samples through the CSV writer and reads the text back, so the checks see what a user gets.</summary>
    private static (Table Table, byte[] Csv) SampleCsv(SynthesisModel model, long rows, SampleOptions options)
    {
        using var memory = new MemoryStream();
        using (var writer = new CsvTableWriter(memory, model.Metadata))
            model.Sample(rows, options, writer);
        byte[] bytes = memory.ToArray();
        var raw = CsvReader.Read(new MemoryStream(bytes), "synthetic.csv", null, null);
        return (TableConverter.Convert(raw, model.Metadata), bytes);
    }

    private static double? Number(Table table, string column, int row) =>
        table[column] switch
        {
            var c when c.IsNull(row) => null,
            NumberColumn n => n.Values[row],
            DateTimeColumn d => d.Ticks[row],
            _ => throw new InvalidOperationException(column),
        };

    private static string? Text(Table table, string column, int row) =>
        table[column] switch
        {
            var c when c.IsNull(row) => null,
            CategoryColumn c => c.Categories[c.Codes[row]],
            BooleanColumn b => b.Values[row] ? "true" : "false",
            NumberColumn n => n.Values[row].ToString(Invariant),
            _ => throw new InvalidOperationException(column),
        };

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Adult_EveryConstraintKind_HoldsInEveryRow(string synthesizer)
    {
        var (real, meta) = Adult();
        string[] constraints =
        [
            "capital-loss <= capital-gain",           // inequality, broken by most real rows with a loss: repaired by swapping
            "18 <= age <= 70",                          // range
            "positive(hours-per-week)",                 // positive
            "multiple_of(hours-per-week, 5)",           // fixed increments
            "combination(education, education-num)",    // fixed combinations
            "unique(fnlwgt)",                           // uniqueness across batches
            "matches(native-country, '[A-Z][A-Za-z&()-]+')", // format
            "age >= 25 or marital-status = 'Never-married'", // any condition
        ];
        var fit = ConstrainedFit.Fit(SynthesizerCatalog.Create(synthesizer, new() { FitSeed = 1 }), real, meta, new() { Constraints = constraints });
        var seenPairs = Enumerable.Range(0, real.RowCount).Select(r => (Text(real, "education", r), Text(real, "education-num", r)))
            .GroupBy(p => p).Where(g => g.Count() >= 5).Select(g => g.Key).ToHashSet();

        const int rows = 9_000; // more than one batch, so uniqueness is checked across batches
        var (synthetic, _) = SampleCsv(fit.Model, rows, new SampleOptions { Seed = 11, Threads = 2 });
        AssertAdultRulesHold(synthetic, rows, seenPairs);
        // The swap keeps the model's draws: a row with both a loss and a larger gain survives, so losses remain.
        Assert.Contains(Enumerable.Range(0, rows), r => Number(synthetic, "capital-loss", r) > 0);
    }

    [Fact]
    public void Mst_Constraints_HoldInEveryRow_AndNothingAboutTheRealRowsIsKept()
    {
        var (real, meta) = Adult();
        var privacy = new DifferentialPrivacyOptions { Epsilon = 10, PublicDomain = false, Noise = NoiseSource.InsecureSeededForTests(3) };
        string[] constraints =
        [
            "capital-loss <= capital-gain", "18 <= age <= 70", "positive(hours-per-week)", "multiple_of(hours-per-week, 5)", "unique(fnlwgt)",
            "matches(native-country, '[A-Z][A-Za-z&()-]+')", "age >= 25 or marital-status = 'Never-married'",
        ];
        var fit = ConstrainedFit.Fit(new MstSynthesizer(privacy), real, meta, new() { Constraints = constraints, DropViolatingRows = true });
        Assert.NotNull(fit.Model.Privacy);
        Assert.Empty(fit.Violations); // counts of real rows would be outside the guarantee
        Assert.Equal(0, fit.DroppedRows);
        Assert.Empty(fit.Model.TrainingViolations);
        Assert.Equal(constraints, fit.Model.Metadata.Constraints);
        var (synthetic, _) = SampleCsv(fit.Model, 9_000, new SampleOptions { Seed = 2, Threads = 2 });
        AssertAdultRulesHold(synthetic, 9_000, null);

        var e = Assert.Throws<DoppelException>(() => ConstrainedFit.Fit(new MstSynthesizer(privacy), real, meta, new() { Constraints = ["combination(education, education-num)"] }));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("differential privacy does not allow", e.Message);
    }

    private static void AssertAdultRulesHold(Table synthetic, int rows, HashSet<(string?, string?)>? seenPairs)
    {
        Assert.Equal(rows, synthetic.RowCount);
        var fnlwgt = new HashSet<double>();
        for (int r = 0; r < rows; r++)
        {
            if (Number(synthetic, "capital-loss", r) is { } loss && Number(synthetic, "capital-gain", r) is { } gain) Assert.True(loss <= gain, $"row {r}: {loss} > {gain}");
            if (Number(synthetic, "age", r) is { } age) Assert.InRange(age, 18, 70);
            if (Number(synthetic, "hours-per-week", r) is { } hours) { Assert.True(hours > 0); Assert.Equal(0, hours % 5); }
            if (seenPairs is not null && Text(synthetic, "education", r) is { } education && Text(synthetic, "education-num", r) is { } number)
                Assert.Contains((education, number), seenPairs);
            if (Number(synthetic, "fnlwgt", r) is { } w) Assert.True(fnlwgt.Add(w), $"row {r}: fnlwgt {w} twice");
            if (Text(synthetic, "native-country", r) is { } country) Assert.Matches("^[A-Z][A-Za-z&()-]+$", country);
            if (Number(synthetic, "age", r) is { } a && Text(synthetic, "marital-status", r) is { } status) Assert.True(a >= 25 || status == "Never-married");
        }
    }

    public static TheoryData<string> AllSynthesizers => [.. SynthesizerCatalog.AllNames];

    [Theory]
    [MemberData(nameof(AllSynthesizers))]
    public void Shop_FormulasDatesOneHotAndCombinations_HoldInEveryRow(string synthesizer)
    {
        var (real, meta) = Shop();
        bool isPrivate = SynthesizerCatalog.DifferentiallyPrivate.Contains(synthesizer);
        string[] constraints = ["total = price + tax", "amount = price * quantity", "ordered < delivered", "one_hot(card, cash, voucher)", "negative(discount)",
            .. isPrivate ? Array.Empty<string>() : ["combination(city, country)"]]; // a DP model cannot keep real combinations
        var privacy = isPrivate ? new DifferentialPrivacyOptions { Epsilon = 10, PublicDomain = false, Noise = NoiseSource.InsecureSeededForTests(4) } : null;
        var fit = ConstrainedFit.Fit(SynthesizerCatalog.Create(synthesizer, new() { FitSeed = 3 }, privacy), real, meta, new() { Constraints = constraints });
        Assert.All(fit.Violations, v => Assert.Equal(0, v.Rows)); // the real rows obey every rule, written in decimals

        var (synthetic, _) = SampleCsv(fit.Model, 3_000, new SampleOptions { Seed = 5, Threads = 2 });
        var pairs = new HashSet<(string, string)> { ("Paris", "France"), ("Lyon", "France"), ("Berlin", "Germany"), ("Munich", "Germany"), ("Rome", "Italy") };
        int checkedSums = 0;
        for (int r = 0; r < synthetic.RowCount; r++)
        {
            if (Number(synthetic, "price", r) is { } price && Number(synthetic, "tax", r) is { } tax && Number(synthetic, "total", r) is { } total)
            {
                Assert.True(Math.Abs(total - (price + tax)) <= 1e-9 * Math.Max(1, total), $"row {r}: {total} != {price} + {tax}");
                checkedSums++;
            }
            if (Number(synthetic, "price", r) is { } p && Number(synthetic, "quantity", r) is { } q && Number(synthetic, "amount", r) is { } amount)
                Assert.True(Math.Abs(amount - p * q) <= 1e-9 * Math.Max(1, amount), $"row {r}: {amount} != {p} * {q}");
            if (Number(synthetic, "ordered", r) is { } ordered && Number(synthetic, "delivered", r) is { } delivered) Assert.True(ordered < delivered, $"row {r}");
            string?[] group = [Text(synthetic, "card", r), Text(synthetic, "cash", r), Text(synthetic, "voucher", r)];
            if (group.All(g => g is not null)) Assert.Equal(1, group.Count(g => g == "true"));
            if (!isPrivate && Text(synthetic, "city", r) is { } city && Text(synthetic, "country", r) is { } country) Assert.Contains((city, country), pairs);
            if (Number(synthetic, "discount", r) is { } discount) Assert.True(discount < 0);
        }
        Assert.True(checkedSums > 2_500, $"only {checkedSums} rows had all of price, tax and total");
    }

    [Fact]
    public void Constrained_OneThreadAndTwoThreads_AreByteIdentical()
    {
        var (real, meta) = Shop(800);
        string[] constraints = ["total = price + tax", "ordered < delivered", "one_hot(card, cash, voucher)", "combination(city, country)", "unique(amount)", "price > 10"];
        foreach (var name in new[] { GaussianCopulaSynthesizer.SynthesizerName, SequentialTreeSynthesizer.SynthesizerName })
        {
            var model = ConstrainedFit.Fit(SynthesizerCatalog.Create(name, new() { FitSeed = 1 }), real, meta, new() { Constraints = constraints }).Model;
            long rows = 2 * SamplingPipeline.BatchSize + 77;
            var one = SampleCsv(model, rows, new SampleOptions { Seed = 9, Threads = 1 }).Csv;
            Assert.Equal(one, SampleCsv(model, rows, new SampleOptions { Seed = 9, Threads = 2 }).Csv);
            Assert.Equal(one, SampleCsv(model, rows, new SampleOptions { Seed = 9, Threads = 4 }).Csv);
            Assert.NotEqual(one, SampleCsv(model, rows, new SampleOptions { Seed = 10, Threads = 2 }).Csv);
        }
    }

    [Fact]
    public void Unconstrained_Output_IsUnchangedByTheConstraintMachinery()
    {
        // A model fitted through ConstrainedFit without constraints is the plain model: same bytes out.
        var (real, meta) = Shop(500);
        var plain = new GaussianCopulaSynthesizer(new() { FitSeed = 2 }).Fit(real, meta);
        var viaConstraints = ConstrainedFit.Fit(new GaussianCopulaSynthesizer(new() { FitSeed = 2 }), real, meta).Model;
        Assert.Equal(ModelFile.ToBytes(plain), ModelFile.ToBytes(viaConstraints));
        Assert.Equal(SampleCsv(plain, 1_000, new SampleOptions { Seed = 1 }).Csv, SampleCsv(viaConstraints, 1_000, new SampleOptions { Seed = 1 }).Csv);
    }

    [Fact]
    public void Fit_CountsViolatingRealRows_AndDropsThemWhenAsked()
    {
        var csv = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 100; i++) csv.Append(Invariant, $"{i},{(i % 10 == 3 ? i - 5 : i + 5)},{(i % 25 == 0 ? -1 - i : 1 + i % 13)}\n"); // 10 rows a > b; 4 other rows c < 0
        var (real, meta) = TestData.Load(csv.ToString());
        var keep = ConstrainedFit.Fit(new IndependentSynthesizer(), real, meta, new() { Constraints = ["a < b", "c > 0"] });
        Assert.Equal([new ConstraintViolation("a < b", 10), new ConstraintViolation("c > 0", 4)], keep.Violations);
        Assert.Equal(0, keep.DroppedRows);
        Assert.Equal(100, keep.Model.TrainingRows);
        Assert.Equal(keep.Violations, keep.Model.TrainingViolations);

        var drop = ConstrainedFit.Fit(new IndependentSynthesizer(), real, meta, new() { Constraints = ["a < b", "c > 0"], DropViolatingRows = true });
        Assert.Equal(14, drop.DroppedRows);
        Assert.Equal(86, drop.Model.TrainingRows);
        Assert.Equal(keep.Violations, drop.Violations); // counted before dropping
    }

    [Fact]
    public void ModelFile_KeepsConstraints_AndTheLoadedModelEnforcesThem()
    {
        var (real, meta) = Shop(600);
        var model = ConstrainedFit.Fit(new GaussianCopulaSynthesizer(), real, meta, new() { Constraints = ["combination(city, country)", "total = price + tax"] }).Model;
        string path = Path.Combine(TestData.TempFolder(), "m.doppel");
        ModelFile.Save(model, path);
        // Fitting is deterministic with constraints too (the learned combinations are stored sorted).
        Assert.Equal(ModelFile.ToBytes(model), ModelFile.ToBytes(ConstrainedFit.Fit(new GaussianCopulaSynthesizer(), real, meta,
            new() { Constraints = ["combination(city, country)", "total = price + tax"] }).Model));
        var loaded = ModelFile.Load(path);
        Assert.Equal(["combination(city, country)", "total = price + tax"], loaded.Metadata.Constraints);
        Assert.Equal(SampleCsv(model, 2_000, new SampleOptions { Seed = 4 }).Csv, SampleCsv(loaded, 2_000, new SampleOptions { Seed = 4 }).Csv);
        // Without the combinations (and without learned rules, which find city -> country), the copula mixes cities
        // and countries freely: the enforcement is doing the work.
        var free = new GaussianCopulaSynthesizer(new SynthesizerOptions { LearnRules = false }).Fit(real, meta);
        var unconstrained = free.Sample(2_000, new SampleOptions { Seed = 4 });
        Assert.Contains(Enumerable.Range(0, 2_000), r => (Text(unconstrained, "city", r), Text(unconstrained, "country", r)) is ("Paris", "Italy") or ("Rome", "France") or ("Berlin", "France"));
    }

    [Fact]
    public void MetadataJson_Constraints_RoundTripAsVersion2_AndPlainMetadataStaysVersion1()
    {
        var (_, meta) = Shop(50);
        string plain = MetadataJson.Write(DatasetMetadata.Single(meta));
        Assert.Contains("\"version\": 1", plain);
        Assert.DoesNotContain("constraints", plain);
        string json = MetadataJson.Write(DatasetMetadata.Single(meta with { Constraints = ["ordered < delivered", "unique(amount)"] }));
        Assert.Contains("\"version\": 2", json);
        Assert.Equal(["ordered < delivered", "unique(amount)"], MetadataJson.Parse(json).SingleTable.Constraints);
        var bad = Assert.Throws<DoppelException>(() => MetadataJson.Parse(json.Replace("\"constraints\"", "\"constraint\"")));
        Assert.Equal(ErrorKind.Metadata, bad.Kind);
        Assert.Contains("unknown key \"constraint\"", bad.Message);
        var notText = Assert.Throws<DoppelException>(() => MetadataJson.Parse(json.Replace("\"unique(amount)\"", "3")));
        Assert.Contains("\"constraints\"", notText.Message);
    }

    [Fact]
    public void MalformedConstraintInMetadata_IsAMetadataError()
    {
        var (real, meta) = Shop(50);
        var e = Assert.Throws<DoppelException>(() => ConstrainedFit.Fit(new IndependentSynthesizer(), real, meta with { Constraints = ["price <"] }));
        Assert.Equal(ErrorKind.Metadata, e.Kind);
        Assert.Contains("price <", e.Message);
        Assert.Contains("^", e.Message);
    }

    // SQL's functions inside a formula-shaped rule make it a checked condition, not a computed formula (which has no functions).
    [Fact]
    public void FunctionInsideArithmetic_IsACondition()
    {
        var (_, meta) = Shop(50);
        var parsed = Doppel.Constraints.ConstraintParser.Parse("tax = abs(price - 100) * 0.1", meta);
        Assert.IsType<Doppel.Constraints.ConditionConstraint>(Assert.Single(parsed));
    }

    [Theory]
    [InlineData("price < ", "expected a value or a column at position 9", "^")]
    [InlineData("salary > 3", "unknown column 'salary'", "^")]
    [InlineData("price < city", "cannot compare column 'price' (numerical) with column 'city' (categorical) at position 7", "^")]
    [InlineData("uniq(price)", "unknown constraint 'uniq(...)'", "^")]
    [InlineData("multiple_of(price, 0)", "the increment, a number greater than 0", "^")]
    [InlineData("multiple_of(city, 2)", "column 'city' is categorical", "^")]
    [InlineData("one_hot(card)", "at least two columns", "^")]
    [InlineData("matches(city, '[A-')", "not a regular expression", "^")]
    [InlineData("unique(price, tax)", "takes 1 argument, not 2", "^")]
    public void Malformed_IsAUsageErrorWithACaret(string constraint, string says, string caret)
    {
        var (real, meta) = Shop(50);
        var e = Assert.Throws<DoppelException>(() => ConstrainedFit.Fit(new IndependentSynthesizer(), real, meta, new() { Constraints = [constraint] }));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.StartsWith("--constraint:", e.Message);
        Assert.Contains(says, e.Message);
        Assert.Contains("\n  " + constraint + "\n", e.Message);
        Assert.EndsWith(caret, e.Message);
    }

    [Theory]
    [InlineData(new[] { "price > 50", "price < 20" }, "\"price > 50\" and \"price < 20\" contradict each other")]
    [InlineData(new[] { "10 <= price <= 5" }, "\"10 <= price <= 5\" contradicts itself")]
    [InlineData(new[] { "positive(tax)", "negative(tax)" }, "\"positive(tax)\" and \"negative(tax)\"")]
    [InlineData(new[] { "ordered < delivered", "delivered < ordered" }, "\"ordered < delivered\" and \"delivered < ordered\"")]
    [InlineData(new[] { "price < tax", "tax <= total", "total <= price" }, "'price' < 'tax' < 'total' < 'price'")]
    [InlineData(new[] { "price < tax", "price >= 30", "tax <= 30" }, "\"price < tax\" and \"price >= 30\" and \"tax <= 30\"")]
    [InlineData(new[] { "multiple_of(quantity, 10)", "quantity > 0", "quantity < 10" }, "no multiple of 10")]
    [InlineData(new[] { "1 > 2" }, "\"1 > 2\" contradicts itself: it names no column and is never true")]
    public void Contradictions_AreUnsatisfiable_AndNameEveryConstraint(string[] constraints, string says)
    {
        var (real, meta) = Shop(50);
        var e = Assert.Throws<DoppelException>(() => ConstrainedFit.Fit(new IndependentSynthesizer(), real, meta, new() { Constraints = constraints }));
        Assert.Equal(ErrorKind.Unsatisfiable, e.Kind);
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public void ColumnEqualsColumn_IsAFormula_ThatCopies()
    {
        var (real, meta) = Shop(400);
        var model = ConstrainedFit.Fit(new IndependentSynthesizer(), real, meta, new() { Constraints = ["total = price"] }).Model;
        var table = model.Sample(300, new SampleOptions { Seed = 1 });
        Assert.Equal(TestData.Numbers(table, "price"), TestData.Numbers(table, "total"));
    }

    [Fact]
    public void NonStrictCycle_IsEquality_NotAContradiction()
    {
        var (real, meta) = Shop(50);
        _ = ConstrainedFit.Check(meta, ["price <= total", "total <= price"]);
    }

    [Fact]
    public void ImpossibleToMeet_NamesTheConstraint()
    {
        var (real, meta) = Shop(300);
        var model = ConstrainedFit.Fit(new GaussianCopulaSynthesizer(), real, meta, new() { Constraints = ["unique(country)"] }).Model;
        var e = Assert.Throws<DoppelException>(() => model.Sample(50, new SampleOptions { Seed = 1 }));
        Assert.Equal(ErrorKind.Unsatisfiable, e.Kind);
        Assert.Contains("\"unique(country)\"", e.Message);
    }

    [Fact]
    public void Unique_SmallDomain_GivesDistinctValuesWhileThereAreEnough()
    {
        var (real, meta) = Shop(600);
        var model = new SequentialTreeSynthesizer().Fit(real, meta);
        // quantity has 9 values: 9 unique rows are possible, and every one of them appears.
        var table = model.Sample(9, new SampleOptions { Seed = 2, Constraints = ["unique(quantity)"] });
        Assert.Equal(9, TestData.Numbers(table, "quantity").Distinct().Count());
    }

    [Fact]
    public void CombinationAddedOnlyWhenSampling_SaysToDeclareItWhenFitting()
    {
        var (real, meta) = Shop(100);
        var model = new GaussianCopulaSynthesizer().Fit(real, meta);
        var e = Assert.Throws<DoppelException>(() => model.Sample(10, new SampleOptions { Seed = 1, Constraints = ["combination(city, country)"] }));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("when fitting", e.Message);
    }

    [Fact]
    public void SampleOptionsConstraints_AddToTheModels_AndWorkWithWhere()
    {
        var (real, meta) = Shop(800);
        var model = ConstrainedFit.Fit(new BayesianNetworkSynthesizer(), real, meta, new() { Constraints = ["ordered < delivered"] }).Model;
        var table = model.Sample(500, new SampleOptions { Seed = 3, Where = "country = 'France'", Constraints = ["price >= 50"] });
        Assert.Equal(500, table.RowCount);
        for (int r = 0; r < table.RowCount; r++)
        {
            Assert.Equal("France", Text(table, "country", r));
            if (Number(table, "price", r) is { } price) Assert.True(price >= 50);
            if (Number(table, "ordered", r) is { } o && Number(table, "delivered", r) is { } d) Assert.True(o < d);
        }
    }

    [Fact]
    public void Parts_AndScenarios_KeepEveryConstraint_UniqueAcrossParts()
    {
        var (real, meta) = Shop(800);
        var model = ConstrainedFit.Fit(new GaussianCopulaSynthesizer(), real, meta, new() { Constraints = ["ordered < delivered", "unique(amount)", "total = price + tax"] }).Model;
        var table = model.Sample([new ConditionedRows("country = 'France'", 300), new ConditionedRows("country = 'Italy'", 200)],
            new SampleOptions { Seed = 6, Scenarios = ["price:+5"] });
        Assert.Equal(500, table.RowCount);
        var amounts = TestData.Numbers(table, "amount");
        Assert.Equal(amounts.Length, amounts.Distinct().Count());
        for (int r = 0; r < table.RowCount; r++)
        {
            Assert.Equal(r < 300 ? "France" : "Italy", Text(table, "country", r));
            if (Number(table, "ordered", r) is { } o && Number(table, "delivered", r) is { } d) Assert.True(o < d);
            if (Number(table, "price", r) is { } p && Number(table, "tax", r) is { } t && Number(table, "total", r) is { } total)
                Assert.True(Math.Abs(total - (p + t)) <= 1e-9 * Math.Max(1, total), $"row {r}: {total} != {p} + {t}");
        }
        // The shift happened before the formula: prices moved up by 5 (the real minimum is 5).
        Assert.True(TestData.Numbers(table, "price").Min() >= 9.99);
    }
}
