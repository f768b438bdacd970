using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;
using Xunit.Abstractions;

namespace Doppel.Evaluation.ML.Tests;

public class DetectionExplanationTests(ITestOutputHelper output)
{
    private static readonly string[] Kinds = ["p", "q", "r", "s"];

    private static readonly TableMetadata Meta = new("planted",
    [
        new ColumnMetadata("same", SemanticType.Numerical) { Decimals = 3 },
        new ColumnMetadata("moved", SemanticType.Numerical) { Decimals = 2 },
        new ColumnMetadata("kind", SemanticType.Categorical),
    ]);

    /// <summary>
    /// n rows: same ~ N(0, 1); moved ~ N(shift, 1); kind uniform over p..s, or p with probability
    /// <paramref name="pShare"/> and the rest uniform; the last <paramref name="fakes"/> rows get moved = 50, which no
    /// real row comes near.
    /// </summary>
    private static Table Draw(int n, ulong seed, double shift = 0, double pShare = 0.25, int fakes = 0)
    {
        var random = new RandomStream(seed, 0);
        var same = new double[n];
        var moved = new double[n];
        var kind = new int[n];
        for (int i = 0; i < n; i++)
        {
            same[i] = random.NextNormal();
            moved[i] = i >= n - fakes ? 50 : shift + random.NextNormal();
            kind[i] = random.NextDouble() < pShare ? 0 : 1 + random.NextInt(3);
        }
        return new Table([new NumberColumn("same", same), new NumberColumn("moved", moved), new CategoryColumn("kind", kind, Kinds)]);
    }

    private void Print(DetectionResult result) =>
        output.WriteLine($"AUC {result.Auc:0.000}; " + string.Join(", ", result.Features.Select(f => $"{f.Column} {f.Importance:0.000}")));

    [Fact]
    public void Importance_ShiftedColumn_RanksFirst_IdenticalColumnLow()
    {
        var result = Detection.Compute(Draw(2000, seed: 1), Draw(2000, seed: 2, shift: 1), Meta);
        Print(result);
        Assert.Equal(["kind", "moved", "same"], result.Features.Select(f => f.Column).Order());
        Assert.Equal("moved", result.Features[0].Column);
        // A one-sd shift alone gives an AUC of about 0.76 (Φ(1/√2)); shuffling it leaves the model nothing real to use.
        Assert.True(result.Features[0].Importance > 0.15, $"moved {result.Features[0].Importance}");
        // The identical columns only carry the trees' overfitting: shuffling them costs a few thousandths of AUC, of
        // the order of the AUC's own sampling error on 2,000 held-out rows (about 0.01).
        foreach (var other in result.Features.Skip(1))
            Assert.InRange(other.Importance, -0.02, 0.02);
    }

    [Fact]
    public void Importance_CategoricalGiveaway_SlotsSummedIntoItsColumn()
    {
        var result = Detection.Compute(Draw(2000, seed: 1), Draw(2000, seed: 2, pShare: 0.6), Meta);
        Print(result);
        // One entry per column, not per one-hot slot, and the over-drawn category's column leads: p at 60% against
        // 25% makes an AUC of about 0.67 from kind alone.
        Assert.Equal(3, result.Features.Count);
        Assert.Equal("kind", result.Features[0].Column);
        Assert.True(result.Features[0].Importance > 0.1, $"kind {result.Features[0].Importance}");
        foreach (var other in result.Features.Skip(1))
            Assert.InRange(other.Importance, -0.02, 0.02);
    }

    [Fact]
    public void Surest_PlantedFakeRows_AreTheOnesReturned()
    {
        // Real and synthetic drawn alike except the synthetic table's last 60 rows, which hold an impossible value.
        const int n = 2000, fakes = 60;
        var synthetic = Draw(n, seed: 2, fakes: fakes);
        var result = Detection.Compute(Draw(n, seed: 1), synthetic, Meta, new DetectionOptions { SurestRows = 5 });
        output.WriteLine(string.Join(", ", result.SurestSynthetic.Select(r => $"{r.Row}: {r.Score:0.000}")));
        Assert.Equal(5, result.SurestSynthetic.Count);
        Assert.All(result.SurestSynthetic, r => Assert.InRange(r.Row, n - fakes, n - 1));
        Assert.All(result.SurestSynthetic, r => Assert.True(r.Score > 0.9, $"row {r.Row} score {r.Score}"));
        Assert.Equal(result.SurestSynthetic.Select(r => r.Score).OrderDescending(), result.SurestSynthetic.Select(r => r.Score));
        Assert.Equal(result.SurestSynthetic.Count, result.SurestSynthetic.Select(r => r.Row).Distinct().Count());
    }

    [Fact]
    public void Explanation_SameSeed_SameResult()
    {
        var real = Draw(1500, seed: 1);
        var synthetic = Draw(1500, seed: 2, shift: 0.5, fakes: 20);
        var first = Detection.Compute(real, synthetic, Meta, new DetectionOptions { Seed = 7 });
        var second = Detection.Compute(real, synthetic, Meta, new DetectionOptions { Seed = 7 });
        Assert.Equal(first.Features, second.Features);
        Assert.Equal(first.SurestSynthetic, second.SurestSynthetic);
    }

    [Fact]
    public void SurestRows_Negative_UsageError()
    {
        var error = Assert.Throws<DoppelException>(() => Detection.Compute(Draw(100, 1), Draw(100, 2), Meta, new DetectionOptions { SurestRows = -1 }));
        Assert.Equal(ErrorKind.Usage, error.Kind);
    }

    [Fact]
    public void Report_DetectionSection_HasFeaturesGiveawaysAndSurestRowsAsWritten()
    {
        const int n = 1000, fakes = 40;
        var real = Draw(n, seed: 1);
        var synthetic = Draw(n, seed: 2, shift: 1, fakes: fakes);
        var report = Evaluator.Run(new EvaluationRequest(real, synthetic, null, Meta));
        var detection = report.Json["detection"]!.AsObject();

        var features = detection["features"]!.AsArray();
        Assert.Equal(3, features.Count);
        Assert.Equal("moved", (string?)features[0]!["column"]);
        Assert.True((double)features[0]!["importance"]! > 0.15);

        var giveaways = detection["giveaways"]!.AsArray();
        Assert.InRange(giveaways.Count, 1, 5);
        var top = giveaways[0]!.AsObject();
        Assert.Equal("moved", (string?)top["column"]);
        Assert.Equal("numerical", (string?)top["type"]);
        // The accuracy bins: real deciles, so every real bin holds about a tenth; the shifted synthetic piles up high.
        var bins = top["bins"]!.AsArray();
        Assert.InRange(bins.Count, 10, 12);
        Assert.All(bins.Where(b => (double?)b!["real"] > 0), b => Assert.InRange((double)b!["real"]!, 0.09, 0.11));
        Assert.True((double)bins.First(b => ((string)b!["label"]!).StartsWith('>'))!["synthetic"]! > 0.3);

        var surest = detection["surestSynthetic"]!.AsObject();
        Assert.Equal(["same", "moved", "kind"], surest["columns"]!.AsArray().Select(c => (string)c!));
        var rows = surest["rows"]!.AsArray();
        Assert.Equal(5, rows.Count);
        foreach (var row in rows)
        {
            int index = (int)row!["syntheticRow"]!;
            var values = row["values"]!.AsArray().Select(v => (string?)v).ToArray();
            // A synthetic row, spelled as the writer spells it: the metadata's decimals as fixed digits (issue #10 §3).
            Assert.Equal(((NumberColumn)synthetic["same"]).Values[index].ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), values[0]);
            Assert.Equal(((NumberColumn)synthetic["moved"]).Values[index].ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), values[1]);
            Assert.Contains(values[2], Kinds);
            Assert.True((double)row["score"]! > 0.5);
        }
    }
}
