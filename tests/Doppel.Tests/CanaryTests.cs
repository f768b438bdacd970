using System.Text;
using System.Text.Json.Nodes;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Models;
using Doppel.Privacy.Dp;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Mst;

namespace Doppel.Tests;

/// <summary>
/// Rows with unique values planted in the training data never come out of any synthesizer: not the row, not its
/// extreme values (largest, smallest, a unique early date), neither in the model file nor in a million sampled rows,
/// and the model does not depend on how extreme they are.
/// </summary>
public class CanaryTests
{
    private const int N = 3_000;
    private const string City = "ZZ-Canary-City";
    private const string Email = "canary.row@private.example";
    private const double Largest = 987_654_321.5;
    private const double Smallest = -123_456_789.5;
    private const double OldestAge = 9_173; // above every count and index a model stores
    private static readonly DateTime UniqueDate = new(1901, 2, 3);

    private static (Table Table, TableMetadata Metadata) WithCanary(bool email = true, double largest = Largest, bool planted = true)
    {
        var random = new RandomStream(21, 0);
        var city = new int[N];
        var amount = new double[N];
        var emails = new string?[N];
        var age = new double[N];
        var day = new long[N];
        var start = new DateTime(2010, 1, 1);
        for (int i = 0; i < N; i++)
        {
            city[i] = random.NextInt(4);
            amount[i] = Math.Round(50_000 + 10_000 * random.NextNormal(), 1);
            emails[i] = $"person{i}@example.org";
            age[i] = 20 + random.NextInt(50);
            day[i] = start.AddDays(random.NextInt(3_650)).Ticks;
        }
        int rows = N;
        if (planted)
        {
            const int canary = 1_234;
            city[canary] = 4;
            amount[canary] = largest;
            emails[canary] = Email;
            amount[2_345] = Smallest;
            age[1_500] = OldestAge;
            day[777] = UniqueDate.Ticks;
        }
        else
        {
            // The same table without the planted rows (their other values are ordinary).
            int[] plantedRows = [777, 1_234, 1_500, 2_345];
            var keep = Enumerable.Range(0, N).Where(i => !plantedRows.Contains(i)).ToArray();
            city = [.. keep.Select(i => city[i])];
            amount = [.. keep.Select(i => amount[i])];
            emails = [.. keep.Select(i => emails[i])];
            age = [.. keep.Select(i => age[i])];
            day = [.. keep.Select(i => day[i])];
            rows = keep.Length;
        }
        var columns = new List<Column>
        {
            new CategoryColumn("city", city, ["Oslo", "Lima", "Pune", "Kobe", City]),
            new NumberColumn("amount", amount),
            new NumberColumn("age", age),
            new DateTimeColumn("day", day, new Validity(rows)),
        };
        var meta = new List<ColumnMetadata>
        {
            new("city", SemanticType.Categorical),
            new("amount", SemanticType.Numerical) { Decimals = 1 },
            new("age", SemanticType.Numerical) { Integer = true, Decimals = 0 },
            new("day", SemanticType.Datetime) { Format = "yyyy-MM-dd" },
        };
        if (email)
        {
            columns.Insert(2, new StringColumn("email", emails));
            meta.Insert(2, new ColumnMetadata("email", SemanticType.Pii) { Pii = PiiKind.Email });
        }
        return (new Table(columns), new TableMetadata("t", meta));
    }

    public static TheoryData<string> Synthesizers() => [.. SynthesizerCatalog.AllNames];

    private static SynthesisModel Fit(string synthesizer, Table table, TableMetadata meta)
    {
        var privacy = SynthesizerCatalog.DifferentiallyPrivate.Contains(synthesizer)
            ? new DifferentialPrivacyOptions { Epsilon = 3, Noise = NoiseSource.InsecureSeededForTests(1) }
            : null; // a private domain (bounds estimated under the budget); epsilon 1 is too small for 3,000 rows
        return SynthesizerCatalog.Create(synthesizer, null, privacy).Fit(table, meta);
    }

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Sample_PlantedCanaryRow_NeverAppears(string synthesizer)
    {
        var (table, meta) = WithCanary();
        var model = Fit(synthesizer, table, meta);
        var synthetic = model.Sample(20_000, new SampleOptions { Seed = 1 });
        Assert.DoesNotContain(City, TestData.Labels(synthetic, "city"));
        Assert.DoesNotContain(Email, ((StringColumn)synthetic["email"]).Values);
        Assert.DoesNotContain(Largest, TestData.Numbers(synthetic, "amount"));
    }

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void ModelFile_PlantedExtremes_AreNotStored(string synthesizer)
    {
        var (table, meta) = WithCanary(email: false);
        byte[] bytes = ModelFile.ToBytes(Fit(synthesizer, table, meta));
        string text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain(City, text);
        foreach (var (path, value) in Numbers(ModelJson(bytes)))
            foreach (double planted in Planted)
                Assert.False(Near(value, planted), $"{path} = {value:R} is a planted value");
    }

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Model_DoesNotDependOnHowExtremeThePlantedValueIs(string synthesizer)
    {
        // A model that changes with the planted magnitude could be solved back to it (5·mean − the 4 others, or
        // the fitted model with against without the planted rows). One that does not change holds nothing about it
        // but its rank: no function of it, together with anything else that does not know the value (the data
        // without the planted rows, a model fitted on them), can give back both 987,654,321.5 and 4,444,444.5.
        var (a, meta) = WithCanary(email: false);
        var (b, _) = WithCanary(email: false, largest: 4_444_444.5);
        Assert.Equal(ModelJsonWithoutSource(Fit(synthesizer, a, meta)), ModelJsonWithoutSource(Fit(synthesizer, b, meta)));
    }

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Sample_MillionRows_NeverWriteAPlantedExtreme(string synthesizer)
    {
        var (table, meta) = WithCanary(email: false);
        var model = Fit(synthesizer, table, meta);
        var synthetic = model.Sample(1_000_000, new SampleOptions { Seed = 3 });
        var amounts = TestData.Numbers(synthetic, "amount");
        var ages = TestData.Numbers(synthetic, "age");
        var days = (DateTimeColumn)synthetic["day"];
        Assert.DoesNotContain(Largest, amounts);
        Assert.DoesNotContain(Smallest, amounts);
        Assert.DoesNotContain(OldestAge, ages);
        Assert.DoesNotContain(UniqueDate.Ticks, days.Ticks);
        // Nor anywhere near them: the ordinary values span about 50,000 ± 40,000, ages 20 to 69, days 2010 to 2019.
        Assert.InRange(amounts.Max(), 0, 200_000);
        Assert.InRange(amounts.Min(), -100_000, 100_000);
        Assert.InRange(ages.Max(), 0, 200);
        Assert.True(Enumerable.Range(0, days.Length).Where(i => !days.IsNull(i)).All(i => days.Ticks[i] >= new DateTime(2000, 1, 1).Ticks),
            "a sampled date lies before 2000");
    }

    [Fact]
    public void Auto_ItsChoiceIsProtectedToo()
    {
        // auto fits the synthesizers above and keeps one, so its model is one of theirs: planted extremes are absent
        // from it and it does not depend on their magnitude.
        var (a, meta) = WithCanary(email: false);
        var (b, _) = WithCanary(email: false, largest: 4_444_444.5);
        var choice = Doppel.Evaluation.AutoSelection.Choose(a, meta, new SynthesizerOptions());
        Assert.Equal(choice.Synthesizer, Doppel.Evaluation.AutoSelection.Choose(b, meta, new SynthesizerOptions()).Synthesizer);
        var model = Fit(choice.Synthesizer, a, meta);
        foreach (var (path, value) in Numbers(ModelJson(ModelFile.ToBytes(model))))
            Assert.DoesNotContain(Planted, p => Near(value, p));
        Assert.Equal(ModelJsonWithoutSource(model), ModelJsonWithoutSource(Fit(choice.Synthesizer, b, meta)));
    }

    private static readonly double[] Planted = [Largest, Smallest, OldestAge, UniqueDate.Ticks];

    private static bool Near(double value, double planted) => Math.Abs(value - planted) <= 1e-6 * Math.Abs(planted);

    private static JsonNode ModelJson(byte[] bytes) => JsonNode.Parse(bytes.AsSpan(16, bytes.Length - 48))!;

    private static string ModelJsonWithoutSource(SynthesisModel model)
    {
        var json = ModelJson(ModelFile.ToBytes(model)).AsObject();
        json.Remove("Source"); // the training data's hash and row count
        return json.ToJsonString();
    }

    private static IEnumerable<(string Path, double Value)> Numbers(JsonNode? node, string path = "$")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                    foreach (var x in Numbers(child, $"{path}.{key}")) yield return x;
                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                    foreach (var x in Numbers(a[i], $"{path}[{i}]")) yield return x;
                break;
            case JsonValue v when v.TryGetValue<double>(out double d):
                yield return (path, d);
                break;
        }
    }
}
