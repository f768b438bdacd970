using Doppel.Data;
using Doppel.Metadata;
using Doppel.Rules;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Tests;

/// <summary>Sums and functional dependencies found at fit time and kept by construction.</summary>
public class ExactRuleTests
{
    private const int Rows = 4_000;

    /// <summary>fare and tip in cents, total = fare + tip except in <paramref name="broken"/> rows; a code of 10 values and its label.</summary>
    private static (Table, TableMetadata) Planted(int broken = 0)
    {
        var random = new RandomStream(7, 0);
        var fare = new double[Rows];
        var tip = new double[Rows];
        var total = new double[Rows];
        var code = new double[Rows];
        var labels = new[] { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j" };
        var label = new int[Rows];
        for (int i = 0; i < Rows; i++)
        {
            fare[i] = Math.Round(5 + 20 * random.NextDouble(), 2);
            tip[i] = Math.Round(3 * random.NextDouble(), 2);
            total[i] = Math.Round(fare[i] + tip[i] + (i < broken ? 1 : 0), 2);
            code[i] = random.NextInt(10);
            label[i] = i < broken ? (int)(code[i] + 1) % 10 : (int)code[i];
        }
        var table = new Table([new NumberColumn("fare", fare), new NumberColumn("tip", tip), new NumberColumn("total", total), new NumberColumn("code", code), new CategoryColumn("label", label, labels)]);
        var meta = new TableMetadata("t",
        [
            new ColumnMetadata("fare", SemanticType.Numerical) { Decimals = 2 }, new ColumnMetadata("tip", SemanticType.Numerical) { Decimals = 2 },
            new ColumnMetadata("total", SemanticType.Numerical) { Decimals = 2 }, new ColumnMetadata("code", SemanticType.Numerical) { Integer = true, Decimals = 0 },
            new ColumnMetadata("label", SemanticType.Categorical),
        ]);
        return (table, meta);
    }

    [Fact]
    public void Find_PlantedSumAndLabel_LearnsBoth()
    {
        var (table, meta) = Planted();
        var rules = RuleDiscovery.Find(table, meta, learn: true).Rules;
        // The first column in table order that is a sum of others is derived: fare = total - tip is the same relation.
        Assert.Contains(rules, r => r is SumRule && r.Reads.Append(r.Derived).Order().SequenceEqual(["fare", "tip", "total"]));
        Assert.Contains(rules, r => r is DeterminedRule { Text: "code -> label" });
        Assert.Empty(RuleDiscovery.Find(table, meta, learn: false).Rules);
    }

    [Fact]
    public void Find_BrokenInOnePercent_LearnsNeitherAsExact()
    {
        var (table, meta) = Planted(broken: Rows / 100);
        var rules = RuleDiscovery.Find(table, meta, learn: true).Rules;
        Assert.DoesNotContain(rules, r => r is DeterminedRule or SumRule { Amounts: 1 });
        // The sum is off by exactly 1 in those rows: a sum plus one of two amounts (0 and 1), which every row keeps.
        var sum = Assert.Single(rules.OfType<SumRule>());
        Assert.Equal([0, 1], sum.AmountValues.Select(Math.Abs).Order());
    }

    /// <summary>A taxi total: fare + tip + tolls plus one of <paramref name="amounts"/> surcharges (0.5, 1.0, …).</summary>
    private static (Table, TableMetadata) Surcharged(int amounts)
    {
        var random = new RandomStream(9, 0);
        var fare = new double[Rows];
        var tip = new double[Rows];
        var tolls = new double[Rows];
        var total = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            fare[i] = Math.Round(5 + 40 * random.NextDouble(), 2);
            tip[i] = Math.Round(6 * random.NextDouble(), 2);
            tolls[i] = random.NextInt(5) == 0 ? 6.12 : 0;
            total[i] = Math.Round(fare[i] + tip[i] + tolls[i] + 0.5 * (1 + random.NextInt(amounts)), 2);
        }
        var table = new Table([new NumberColumn("fare", fare), new NumberColumn("tip", tip), new NumberColumn("tolls", tolls), new NumberColumn("total", total)]);
        var meta = new TableMetadata("t", [.. new[] { "fare", "tip", "tolls", "total" }.Select(n => new ColumnMetadata(n, SemanticType.Numerical) { Decimals = 2 })]);
        return (table, meta);
    }

    [Fact]
    public void Find_SumPlusAFewAmounts_LearnsItAndKeepsItInEveryRow()
    {
        var (table, meta) = Surcharged(amounts: 6);
        var rule = Assert.Single(RuleDiscovery.Find(table, meta, learn: true).Rules.OfType<SumRule>());
        Assert.Equal("total = fare + tip + tolls + one of 6 amounts", rule.Text);
        var real = new HashSet<double>(Enumerable.Range(1, 6).Select(k => 0.5 * k));
        foreach (var name in new[] { "sequential-tree", "bayesian-network", "gaussian-copula" })
        {
            var synthetic = SynthesizerCatalog.Create(name).Fit(table, meta).Sample(2_000, new SampleOptions { Seed = 2 });
            var (fare, tip, tolls, total) = ((NumberColumn)synthetic["fare"], (NumberColumn)synthetic["tip"], (NumberColumn)synthetic["tolls"], (NumberColumn)synthetic["total"]);
            var amounts = Enumerable.Range(0, synthetic.RowCount).Select(i => Math.Round(total.Values[i] - fare.Values[i] - tip.Values[i] - tolls.Values[i], 2)).ToList();
            Assert.All(amounts, a => Assert.Contains(a, real)); // every row: the parts plus a real surcharge
            Assert.True(amounts.Distinct().Count() >= 5, $"{name}: {amounts.Distinct().Count()} amounts");
        }
        // The amounts travel in the model file (format 7) and sample back identically.
        var model = SynthesizerCatalog.Create("sequential-tree").Fit(table, meta);
        var bytes = Doppel.Models.ModelFile.ToBytes(model);
        Assert.Equal(7, BitConverter.ToInt32(bytes, 8));
        var loaded = Doppel.Models.ModelFile.FromBytes(bytes, "t.doppel");
        Assert.Equal(model.LearnedRules, loaded.LearnedRules);
        Assert.Equal(((NumberColumn)model.Sample(300, new SampleOptions { Seed = 3 })["total"]).Values, ((NumberColumn)loaded.Sample(300, new SampleOptions { Seed = 3 })["total"]).Values);
    }

    [Fact]
    public void Find_SumPlusTooManyAmounts_LearnsNoSum()
    {
        var (table, meta) = Surcharged(amounts: SumDiscovery.MaxAmounts + 8);
        Assert.DoesNotContain(RuleDiscovery.Find(table, meta, learn: true).Rules, r => r is SumRule);
    }

    public static TheoryData<string> Synthesizers => [.. SynthesizerCatalog.Names];

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Sample_KeepsSumAndLabelInEveryRow(string name)
    {
        var (table, meta) = Planted();
        var synthetic = SynthesizerCatalog.Create(name).Fit(table, meta).Sample(2_000, new SampleOptions { Seed = 4 });
        var (fare, tip, total) = ((NumberColumn)synthetic["fare"], (NumberColumn)synthetic["tip"], (NumberColumn)synthetic["total"]);
        var (code, label) = ((NumberColumn)synthetic["code"], (CategoryColumn)synthetic["label"]);
        for (int i = 0; i < synthetic.RowCount; i++)
        {
            Assert.Equal(Math.Round(fare.Values[i] + tip.Values[i], 2), total.Values[i], 9);
            Assert.Equal("abcdefghij"[(int)code.Values[i]].ToString(), label.Categories[label.Codes[i]]);
        }
    }
}
