using Doppel.Data;
using Doppel.Expressions;
using Doppel.Metadata;
using Doppel.Privacy.Dp;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Mst;

namespace Doppel.Tests;

/// <summary>
/// Conditions on boolean columns (<c>flag</c>, <c>not flag</c>, <c>flag = false</c>) and on dates
/// (<c>day &gt;= '2021-06-01'</c>) reach the models' conditional distributions too, not only filtering.
/// </summary>
public class BooleanAndDateConditionTests
{
    private const int N = 20_000;

    /// <summary>flag is rare (2–20% by group) and flagged rows fall later in time.</summary>
    private static readonly Lazy<(Table Table, TableMetadata Metadata)> Data = new(() =>
    {
        var random = new RandomStream(31, 0);
        var group = new int[N];
        var flag = new bool[N];
        var day = new long[N];
        var amount = new double[N];
        var start = new DateTime(2020, 1, 1);
        for (int i = 0; i < N; i++)
        {
            group[i] = random.NextInt(4);
            flag[i] = random.NextDouble() < group[i] switch { 0 => 0.02, 3 => 0.2, _ => 0.05 };
            day[i] = start.AddDays(random.NextInt(500) + (flag[i] ? 230 : 0)).Ticks;
            amount[i] = Math.Round(100 + 20 * random.NextNormal() + (flag[i] ? 40 : 0), 2);
        }
        var table = new Table(
        [
            new CategoryColumn("group", group, ["a", "b", "c", "d"]),
            new BooleanColumn("flag", flag),
            new DateTimeColumn("day", day),
            new NumberColumn("amount", amount),
        ]);
        var meta = new TableMetadata("t",
        [
            new ColumnMetadata("group", SemanticType.Categorical), new ColumnMetadata("flag", SemanticType.Boolean),
            new ColumnMetadata("day", SemanticType.Datetime) { Format = "yyyy-MM-dd" }, new ColumnMetadata("amount", SemanticType.Numerical) { Decimals = 2 },
        ]);
        return (table, meta);
    });

    private static readonly Dictionary<string, Lazy<SynthesisModel>> Models = new()
    {
        ["sequential-tree"] = new(() => SynthesizerCatalog.Create("sequential-tree").Fit(Data.Value.Table, Data.Value.Metadata)),
        ["bayesian-network"] = new(() => SynthesizerCatalog.Create("bayesian-network").Fit(Data.Value.Table, Data.Value.Metadata)),
        ["gaussian-copula"] = new(() => SynthesizerCatalog.Create("gaussian-copula").Fit(Data.Value.Table, Data.Value.Metadata)),
        ["mst"] = new(() => new MstSynthesizer(new DifferentialPrivacyOptions { Epsilon = 5, Noise = NoiseSource.InsecureSeededForTests(2) }).Fit(Data.Value.Table, Data.Value.Metadata)),
    };

    [Theory]
    [InlineData("flag", "flag", true)]
    [InlineData("not flag", "flag", false)]
    [InlineData("flag = false", "flag", false)]
    public void ColumnConditions_ReadBooleanConditions(string where, string column, bool value)
    {
        var meta = Data.Value.Metadata;
        var conditions = ColumnConditions.Of(ExpressionParser.Parse(where, meta.Columns.Select(c => c.Name), "--where"), meta);
        Assert.Equal([value ? "true" : "false"], conditions[column].Categories!);
    }

    [Fact]
    public void ColumnConditions_ReadDatesAsTicks()
    {
        var meta = Data.Value.Metadata;
        var conditions = ColumnConditions.Of(ExpressionParser.Parse("day >= '2021-06-01' and '2021-12-31' >= day", meta.Columns.Select(c => c.Name), "--where"), meta);
        Assert.Equal(new DateTime(2021, 6, 1).Ticks, conditions["day"].Low);
        Assert.Equal(new DateTime(2021, 12, 31).Ticks, conditions["day"].High);
    }

    [Theory]
    [InlineData("sequential-tree")]
    [InlineData("bayesian-network")]
    [InlineData("mst")]
    public void RareFlag_IsDrawnThroughTheModel_EveryRowOfABatchMeetsIt(string synthesizer)
    {
        var model = Models[synthesizer].Value;
        var conditions = ColumnConditions.Of(ExpressionParser.Parse("flag", model.Metadata.Columns.Select(c => c.Name), "--where"), model.Metadata);
        var batches = model.Generator.ConditionalBatches(conditions, model.Metadata);
        Assert.NotNull(batches);
        var batch = batches(0, 0, 4_096, 3);
        Assert.All(((BooleanColumn)batch["flag"]).Values, Assert.True);
    }

    [Theory]
    [InlineData("sequential-tree")]
    [InlineData("bayesian-network")]
    [InlineData("gaussian-copula")]
    [InlineData("mst")]
    public void FlagAndDateCondition_GivesTheModelsConditionalDistribution(string synthesizer)
    {
        var model = Models[synthesizer].Value;
        const string where = "flag and day >= '2020-12-01'";
        var conditional = model.Sample(10_000, new SampleOptions { Seed = 5, Where = where });
        Assert.Equal(10_000, conditional.RowCount);
        var predicate = model.Condition(where);
        Assert.All(Enumerable.Range(0, conditional.RowCount), r => Assert.True(predicate(conditional, r)));

        var unconditional = model.Sample(400_000, new SampleOptions { Seed = 6 });
        var kept = Enumerable.Range(0, unconditional.RowCount).Where(r => predicate(unconditional, r)).ToList();
        Assert.True(kept.Count > 3_000, $"only {kept.Count} reference rows");
        var reference = TableRows.Select(unconditional, kept);
        var (statistic, critical) = ModelConditionalTests.ChiSquareHomogeneity(TestData.Labels(conditional, "group"), TestData.Labels(reference, "group"));
        Assert.True(statistic < critical, $"group: chi-square {statistic:0.0} >= {critical:0.0}");
        var amounts = TestData.Numbers(conditional, "amount");
        var referenceAmounts = TestData.Numbers(reference, "amount");
        Assert.True(TestData.KolmogorovSmirnov(amounts, referenceAmounts) < TestData.KsCritical(amounts.Length, referenceAmounts.Length));
    }
}
