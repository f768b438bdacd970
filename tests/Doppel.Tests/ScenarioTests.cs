using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Trees;

namespace Doppel.Tests;

/// <summary>Scenarios (issue #6): a marginal shifted on purpose while the rest of each row stays as sampled.</summary>
public class ScenarioTests
{
    private static readonly Lazy<SynthesisModel> Model = new(() =>
    {
        var raw = CsvReader.Read(Path.Combine(AppContext.BaseDirectory, "samples", "adult.csv"));
        var meta = MetadataDetector.Detect(raw, "adult");
        return new SequentialTreeSynthesizer().Fit(TableConverter.Convert(raw, meta), meta);
    });

    private static Table Sample(int rows, string? where, params string[] scenarios) =>
        Model.Value.Sample(rows, new SampleOptions { Seed = 12, Where = where, Scenarios = scenarios });

    /// <summary>The table without one column, as CSV: what a scenario on that column must leave untouched.</summary>
    private static string Without(Table table, string column)
    {
        var meta = Model.Value.Metadata;
        var others = new TableMetadata(meta.Name, [.. meta.Columns.Where(c => c.Name != column)]);
        return CsvTableWriter.ToText(new Table([.. table.Columns.Where(c => c.Name != column)], table.RowCount), others);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sex = 'Female'")]
    public void Shift_MovesEveryValue_AndLeavesTheRestOfTheRowAlone(string? where)
    {
        var plain = Sample(20_000, where);
        var shifted = Sample(20_000, where, "age:+5");
        var before = (NumberColumn)plain["age"];
        var after = (NumberColumn)shifted["age"];
        Assert.All(Enumerable.Range(0, plain.RowCount), r => Assert.Equal(before.Values[r] + 5, after.Values[r]));
        Assert.Equal(Without(plain, "age"), Without(shifted, "age"));
        var scaled = (NumberColumn)Sample(20_000, where, "hours-per-week:x1.5")["hours-per-week"];
        var hours = (NumberColumn)plain["hours-per-week"];
        Assert.All(Enumerable.Range(0, plain.RowCount), r => Assert.Equal(hours.Values[r] * 1.5, scaled.Values[r]));
    }

    [Fact]
    public void Shift_IsAppliedBeforeTheCondition_EveryWrittenRowMeetsItAsWritten()
    {
        // Without constraints too: a shift that moves rows out of --where must not let them through (the manifest
        // says every row meets the condition).
        var shifted = Sample(5_000, "age >= 40", "age:-10");
        Assert.Equal(5_000, shifted.RowCount);
        Assert.All(((NumberColumn)shifted["age"]).Values, age => Assert.True(age >= 40, $"age {age}"));
    }

    [Fact]
    public void Nulls_BlankTheRequestedShareOfValues_AndNothingElse()
    {
        const int n = 40_000;
        var plain = Sample(n, null);
        var blanked = Sample(n, null, "occupation:nulls+20%");
        var before = plain["occupation"];
        var after = blanked["occupation"];
        int valid = Enumerable.Range(0, n).Count(r => !before.IsNull(r));
        int newlyNull = Enumerable.Range(0, n).Count(r => !before.IsNull(r) && after.IsNull(r));
        Assert.Equal(0, Enumerable.Range(0, n).Count(r => before.IsNull(r) && !after.IsNull(r)));
        // Binomial(valid, 0.2) at 4 standard deviations.
        Assert.InRange(newlyNull, valid * 0.2 - 4 * Math.Sqrt(valid * 0.16), valid * 0.2 + 4 * Math.Sqrt(valid * 0.16));
        Assert.Equal(Without(plain, "occupation"), Without(blanked, "occupation"));
        string Csv(int threads) => CsvTableWriter.ToText(Model.Value.Sample(n, new SampleOptions { Seed = 12, Threads = threads, Scenarios = ["occupation:nulls+20%"] }), Model.Value.Metadata);
        Assert.Equal(Csv(1), Csv(4));
    }

    [Fact]
    public void ClassFactor_MultipliesTheClassShare_AndDrawsItsRowsGivenTheClass()
    {
        const int n = 30_000;
        var plain = TestData.Labels(Sample(n, null), "income");
        double p = (double)plain.Count(v => v == ">50K") / n;
        var sample = Sample(n, null, "income='>50K':x2");
        var income = TestData.Labels(sample, "income");
        double expected = 2 * p / (2 * p + 1 - p);
        // The plan uses the model's share from its pilot sample; p here is another sample of the same: 4 standard errors of both.
        double tolerance = 4 * Math.Sqrt(2 * p * (1 - p) / n) * 2;
        Assert.InRange((double)income.Count(v => v == ">50K") / n, expected - tolerance, expected + tolerance);
        // The extra '>50K' rows are '>50K' rows: e.g. husbands are as common among them as among the model's own.
        var relationship = TestData.Labels(sample, "relationship");
        var reference = Sample(100_000, "income = '>50K'");
        double Husbands(string?[] rel, string?[] inc) => (double)Enumerable.Range(0, rel.Length).Count(r => inc[r] == ">50K" && rel[r] == "Husband") / inc.Count(v => v == ">50K");
        double refShare = Husbands(TestData.Labels(reference, "relationship"), TestData.Labels(reference, "income"));
        int rich = income.Count(v => v == ">50K");
        Assert.InRange(Husbands(relationship, income), refShare - 4 * Math.Sqrt(refShare * (1 - refShare) / rich), refShare + 4 * Math.Sqrt(refShare * (1 - refShare) / rich));
    }

    [Theory]
    [InlineData("salary:+5", "unknown column 'salary'")]
    [InlineData("sex:+5", "shifts need a numerical column")]
    [InlineData("age", "expected COLUMN:+N")]
    [InlineData("age:nulls+120%", "at most 100%")]
    [InlineData("age:*2", "expected +N, -N, xF or nulls+P%")]
    [InlineData("income='>50K':x0", "a positive number")]
    [InlineData("income='>60K':x2", "no class '>60K'")]
    public void BadScenario_IsAClearUsageError(string spec, string says)
    {
        var e = Assert.Throws<DoppelException>(() => Sample(10, null, spec));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public void TwoClassScenarios_OrAClassScenarioWithParts_AreUsageErrors()
    {
        Assert.Equal(ErrorKind.Usage, Assert.Throws<DoppelException>(() => Sample(10, null, "income='>50K':x2", "sex=Female:x2")).Kind);
        var parts = new[] { new ConditionedRows("sex = 'Male'", 5) };
        var e = Assert.Throws<DoppelException>(() => Model.Value.Sample(parts, new SampleOptions { Scenarios = ["income='>50K':x2"] }));
        Assert.Equal(ErrorKind.Usage, e.Kind);
    }
}
