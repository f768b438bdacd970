using Doppel.Data;
using Doppel.Metadata;
using Doppel.Models;
using Doppel.Rules;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Trees;

namespace Doppel.Tests;

/// <summary>Numbers on a lattice coarser than their written precision, found at fit time and kept by construction.</summary>
public class LatticeRuleTests
{
    private const int Rows = 4_000;

    /// <summary>
    /// A credit limit in tens of thousands, a count written with one
    /// decimal that is always whole, a balance that grows with the limit, and a free amount.
    /// </summary>
    private static (Table, TableMetadata) Planted()
    {
        var random = new RandomStream(11, 0);
        var limit = new double[Rows];
        var rooms = new double[Rows];
        var balance = new double[Rows];
        var amount = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            limit[i] = 10_000 * (1 + random.NextInt(30));
            rooms[i] = 1 + random.NextInt(40);
            balance[i] = Math.Round(limit[i] * random.NextDouble());
            amount[i] = Math.Round(100 * random.NextDouble(), 2);
        }
        var table = new Table([new NumberColumn("limit", limit), new NumberColumn("rooms", rooms), new NumberColumn("balance", balance), new NumberColumn("amount", amount)]);
        var meta = new TableMetadata("t",
        [
            new ColumnMetadata("limit", SemanticType.Numerical) { Integer = true, Decimals = 0 },
            new ColumnMetadata("rooms", SemanticType.Numerical) { Decimals = 1 },
            new ColumnMetadata("balance", SemanticType.Numerical) { Integer = true, Decimals = 0 },
            new ColumnMetadata("amount", SemanticType.Numerical) { Decimals = 2 },
        ]);
        return (table, meta);
    }

    [Fact]
    public void Find_PlantedLattices_LearnsTheCoarsestStepOfEach()
    {
        var (table, meta) = Planted();
        var rules = RuleDiscovery.Find(table, meta, learn: true).Rules.OfType<StepRule>().ToDictionary(r => r.Column);
        Assert.Equal(10_000, rules["limit"].Step); // not 1,000 or 5,000: the coarsest that holds
        Assert.Equal(1, rules["rooms"].Step); // written as 12.0
        Assert.Equal("multiple_of(limit, 10000)", rules["limit"].Text);
        Assert.False(rules.ContainsKey("balance"));
        Assert.False(rules.ContainsKey("amount"));
        Assert.Empty(RuleDiscovery.Find(table, meta, learn: false).Rules);
    }

    [Fact]
    public void Find_OffTheLattice_LearnsItOnlyWhenTheOffValuesAreFewAndRare()
    {
        var (table, meta) = Planted();
        var limits = ((NumberColumn)table["limit"]).Values;
        StepRule? Limit(Func<double, int, double> edit) => RuleDiscovery.Find(
            new Table([new NumberColumn("limit", [.. limits.Select((v, i) => edit(v, i))]), table["rooms"], table["balance"], table["amount"]]), meta, learn: true)
            .Rules.OfType<StepRule>().SingleOrDefault(r => r.Column == "limit");
        // 1% of limits at one value, 15,000, held by 40 rows: a real value the lattice of 10,000 would lose; 5,000 keeps it.
        Assert.Equal(5_000, Limit((v, i) => i < Rows / 100 ? 15_000 : v)!.Step);
        // 1% one-off amounts (odd, so on no lattice; each held by one row): no model may write those back, so the lattice holds.
        Assert.Equal(10_000, Limit((v, i) => i < Rows / 100 ? v + 1 + 2 * i : v)!.Step);
        // 3% one-off amounts: more than the 2% a lattice may leave out.
        Assert.Null(Limit((v, i) => i < 3 * Rows / 100 ? v + 1 + 2 * i : v));
    }

    [Fact]
    public void Find_TwoValuesOnALattice_IsNoLattice()
    {
        var flag = new NumberColumn("flag", [.. Enumerable.Range(0, Rows).Select(i => i % 2 * 10.0)]);
        var meta = new TableMetadata("t", [new ColumnMetadata("flag", SemanticType.Numerical) { Integer = true, Decimals = 0 }]);
        Assert.Empty(RuleDiscovery.Find(new Table([flag]), meta, learn: true).Rules);
    }

    public static TheoryData<string> Synthesizers => [.. SynthesizerCatalog.Names];

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Sample_EveryValueOnTheLattice(string name)
    {
        var (table, meta) = Planted();
        var synthetic = SynthesizerCatalog.Create(name).Fit(table, meta).Sample(3_000, new SampleOptions { Seed = 4 });
        var limits = TestData.Numbers(synthetic, "limit");
        Assert.All(limits, v => Assert.Equal(0, v % 10_000));
        Assert.All(TestData.Numbers(synthetic, "rooms"), v => Assert.Equal(Math.Round(v), v));
        // Not one value: the steps' spread comes back (real limits cover 30 steps uniformly).
        Assert.True(limits.Distinct().Count() >= 20, $"{limits.Distinct().Count()} distinct limits");
        // Without the rule the copula writes values between the steps, which is what a classifier catches.
        var free = SynthesizerCatalog.Create(name, new SynthesizerOptions { LearnRules = false }).Fit(table, meta).Sample(3_000, new SampleOptions { Seed = 4 });
        if (name == "gaussian-copula") Assert.Contains(TestData.Numbers(free, "limit"), v => v % 10_000 != 0);
    }

    [Fact]
    public void Sample_ConditionOnALatticeColumn_ReachesTheModel()
    {
        var (table, meta) = Planted();
        var model = new SequentialTreeSynthesizer().Fit(table, meta);
        var rows = model.Sample(1_000, new SampleOptions { Seed = 5, Where = "limit >= 250000 and limit < 275000" });
        Assert.Equal(1_000, rows.RowCount);
        Assert.All(TestData.Numbers(rows, "limit"), v => Assert.True(v is 250_000 or 260_000 or 270_000, $"{v}"));
        // The condition is restated on the steps (25 to 27), not left to rejection: the rule says so.
        var rule = RuleDiscovery.Find(table, meta, learn: true).Rules.OfType<StepRule>().Single(r => r.Column == "limit");
        var encoded = rule.EncodeCondition(new Expressions.ColumnCondition(null, 250_000, 274_999))!;
        Assert.Equal((25.0, 27.0), (encoded.Low, encoded.High));
    }

    [Fact]
    public void ModelFile_WithALattice_IsVersion7AndSamplesIdentically()
    {
        var (table, meta) = Planted();
        var model = new SequentialTreeSynthesizer().Fit(table, meta);
        var bytes = ModelFile.ToBytes(model);
        Assert.Equal(7, BitConverter.ToInt32(bytes, 8));
        var loaded = ModelFile.FromBytes(bytes, "t.doppel");
        Assert.Equal(model.LearnedRules, loaded.LearnedRules);
        Assert.Contains(loaded.LearnedRules, r => r.StartsWith("multiple_of(limit, 10000) (learned: 4,000 of 4,000", StringComparison.Ordinal));
        var options = new SampleOptions { Seed = 8 };
        Assert.Equal(TestData.Numbers(model.Sample(500, options), "limit"), TestData.Numbers(loaded.Sample(500, options), "limit"));
    }
}
