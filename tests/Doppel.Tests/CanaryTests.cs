using Doppel.Data;
using Doppel.Metadata;
using Doppel.Privacy.Dp;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Mst;

namespace Doppel.Tests;

/// <summary>A row with unique values planted in the training data never comes out of any synthesizer.</summary>
public class CanaryTests
{
    private const int N = 3_000;
    private const string City = "ZZ-Canary-City";
    private const string Email = "canary.row@private.example";
    private const double Amount = 987_654_321.5;

    private static (Table Table, TableMetadata Metadata) WithCanary()
    {
        var random = new RandomStream(21, 0);
        var city = new int[N];
        var amount = new double[N];
        var email = new string?[N];
        var age = new double[N];
        for (int i = 0; i < N; i++)
        {
            city[i] = random.NextInt(4);
            amount[i] = Math.Round(50_000 + 10_000 * random.NextNormal(), 1);
            email[i] = $"person{i}@example.org";
            age[i] = 20 + random.NextInt(50);
        }
        const int canary = 1_234;
        city[canary] = 4;
        amount[canary] = Amount;
        email[canary] = Email;
        var table = new Table(
        [
            new CategoryColumn("city", city, ["Oslo", "Lima", "Pune", "Kobe", City]),
            new NumberColumn("amount", amount),
            new StringColumn("email", email),
            new NumberColumn("age", age),
        ]);
        var meta = new TableMetadata("t",
        [
            new ColumnMetadata("city", SemanticType.Categorical),
            new ColumnMetadata("amount", SemanticType.Numerical) { Decimals = 1 },
            new ColumnMetadata("email", SemanticType.Pii) { Pii = PiiKind.Email },
            new ColumnMetadata("age", SemanticType.Numerical) { Integer = true, Decimals = 0 },
        ]);
        return (table, meta);
    }

    public static TheoryData<string> Synthesizers() => [.. SynthesizerCatalog.AllNames];

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Sample_PlantedCanaryRow_NeverAppears(string synthesizer)
    {
        var (table, meta) = WithCanary();
        var privacy = SynthesizerCatalog.DifferentiallyPrivate.Contains(synthesizer)
            ? new DifferentialPrivacyOptions { Epsilon = 1, Noise = NoiseSource.InsecureSeededForTests(1) }
            : null;
        var model = SynthesizerCatalog.Create(synthesizer, null, privacy).Fit(table, meta);
        var synthetic = model.Sample(20_000, new SampleOptions { Seed = 1 });
        Assert.DoesNotContain(City, TestData.Labels(synthetic, "city"));
        Assert.DoesNotContain(Email, ((StringColumn)synthetic["email"]).Values);
        Assert.DoesNotContain(Amount, TestData.Numbers(synthetic, "amount"));
    }
}
