using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Bayes;

namespace Doppel.Tests;

/// <summary>Conditions files, rebalancing and fair generation (issue #6): exact counts per part, the right conditional rows, clear errors.</summary>
public class ConditionedPartsTests
{
    private static readonly Lazy<SynthesisModel> Model = new(() =>
    {
        var raw = CsvReader.Read(Path.Combine(AppContext.BaseDirectory, "samples", "adult.csv"));
        var meta = MetadataDetector.Detect(raw, "adult");
        return new BayesianNetworkSynthesizer().Fit(TableConverter.Convert(raw, meta), meta);
    });

    private static int Count(string?[] labels, string value) => labels.Count(l => l == value);

    [Fact]
    public void Rebalance_Uniform_GivesExactCounts_AndEachClassItsConditionalRows()
    {
        var model = Model.Value;
        var options = new SampleOptions { Seed = 4 };
        var parts = Rebalance.Plan(model, "income", 20_001, options);
        var sample = model.Sample(parts, options);
        var income = TestData.Labels(sample, "income");
        Assert.Equal(20_001, sample.RowCount);
        Assert.Equal(10_001, Count(income, "<=50K")); // largest remainder: the odd row goes to the first class
        Assert.Equal(10_000, Count(income, ">50K"));

        // The rows of the rare class look like the model's own '>50K' rows (filtered from an unconditional sample).
        var reference = model.Sample(200_000, new SampleOptions { Seed = 9 });
        var referenceIncome = TestData.Labels(reference, "income");
        var rich = TableRows.Select(reference, [.. Enumerable.Range(0, reference.RowCount).Where(r => referenceIncome[r] == ">50K")]);
        var synthRich = TableRows.Select(sample, [.. Enumerable.Range(0, sample.RowCount).Where(r => income[r] == ">50K")]);
        foreach (string column in new[] { "education", "relationship", "sex" })
        {
            var (statistic, critical) = ModelConditionalTests.ChiSquareHomogeneity(TestData.Labels(synthRich, column), TestData.Labels(rich, column));
            Assert.True(statistic < critical, $"{column}: chi-square {statistic:0.0} >= {critical:0.0}");
        }
    }

    [Theory]
    [InlineData("income='>50K':0.3", 3_000)]
    [InlineData("income=>50K:0.3", 3_000)]
    [InlineData("income='>50K':0.25,'<=50K':0.75", 2_500)]
    public void Rebalance_Shares_AreExact(string spec, int rich)
    {
        var model = Model.Value;
        var options = new SampleOptions { Seed = 2 };
        var sample = model.Sample(Rebalance.Plan(model, spec, 10_000, options), options);
        var income = TestData.Labels(sample, "income");
        Assert.Equal(rich, Count(income, ">50K"));
        Assert.Equal(10_000 - rich, Count(income, "<=50K"));
    }

    [Theory]
    [InlineData("income='>50K':0.6,'<=50K':0.6", "sum to 1.2")]
    [InlineData("income='>50K':0.5,'<=50K':0.4", "sum to 0.9")]
    [InlineData("income='>50K':1.5", "from 0 to 1")]
    [InlineData("income='>60K':0.5", "no class '>60K'")]
    [InlineData("salary", "unknown column 'salary'")]
    [InlineData("age", "only categorical and boolean")]
    [InlineData("income='>50K'", "expected VALUE:SHARE")]
    public void Rebalance_BadSpec_IsAClearUsageError(string spec, string says)
    {
        var e = Assert.Throws<DoppelException>(() => Rebalance.Plan(Model.Value, spec, 100, new SampleOptions { Seed = 1 }));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public void Fair_RemovesTheTargetsDependenceOnTheSensitiveColumn_AndKeepsTheRest()
    {
        var model = Model.Value;
        var options = new SampleOptions { Seed = 7 };
        const int n = 30_000;
        var sample = model.Sample(FairGeneration.Plan(model, "income", "sex", n, options), options);
        Assert.Equal(n, sample.RowCount);
        var sex = TestData.Labels(sample, "sex");
        var income = TestData.Labels(sample, "income");
        double Rate(string s) => (double)Enumerable.Range(0, n).Count(r => sex[r] == s && income[r] == ">50K") / Count(sex, s);
        // Cell counts are n·P(s)·P(t) rounded, so the rates differ by rounding only (under 1/smallest group).
        Assert.True(Math.Abs(Rate("Male") - Rate("Female")) < 2.0 / Count(sex, "Female"), $"{Rate("Male"):0.0000} vs {Rate("Female"):0.0000}");

        // The model (like the data) has a strong gap; the fair sample keeps sex's and income's own shares.
        var reference = model.Sample(n, new SampleOptions { Seed = 8 });
        var refSex = TestData.Labels(reference, "sex");
        var refIncome = TestData.Labels(reference, "income");
        double RefRate(string s) => (double)Enumerable.Range(0, n).Count(r => refSex[r] == s && refIncome[r] == ">50K") / Count(refSex, s);
        Assert.True(RefRate("Male") - RefRate("Female") > 0.1);
        // Shares: binomial standard errors of two samples of n, at 4 sigma.
        double tolerance = 4 * Math.Sqrt(2 * 0.25 / n);
        Assert.InRange((double)Count(sex, "Female") / n - (double)Count(refSex, "Female") / n, -tolerance, tolerance);
        Assert.InRange((double)Count(income, ">50K") / n - (double)Count(refIncome, ">50K") / n, -tolerance, tolerance);
        // Other columns still depend on sex: husbands are men, wives women.
        var relationship = TestData.Labels(sample, "relationship");
        Assert.True(Enumerable.Range(0, n).Count(r => relationship[r] == "Husband" && sex[r] == "Female") < 0.01 * Count(relationship, "Husband"));
        Assert.True(Enumerable.Range(0, n).Count(r => relationship[r] == "Wife" && sex[r] == "Male") < 0.05 * Count(relationship, "Wife"));
    }

    [Theory]
    [InlineData("income", "income", "same column")]
    [InlineData("income", "nationality", "unknown column 'nationality'")]
    [InlineData("hours-per-week", "sex", "only categorical and boolean")]
    public void Fair_BadColumns_AreUsageErrors(string target, string sensitive, string says)
    {
        var e = Assert.Throws<DoppelException>(() => FairGeneration.Plan(Model.Value, target, sensitive, 100, new SampleOptions { Seed = 1 }));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public void ConditionsFile_GivesEachLineItsExactRows_InLineOrder_Deterministically()
    {
        var model = Model.Value;
        var raw = TestData.Csv("sex,race,age,num_rows\nFemale,Black,,700\nMale,,40,300\n,Other,,0\nFemale,White,,1000\n");
        var parts = ConditionsFile.Parse(raw, model.Metadata);
        Assert.Equal(4, parts.Count);
        string Csv(int threads) => CsvTableWriter.ToText(model.Sample(parts, new SampleOptions { Seed = 3, Threads = threads }), model.Metadata);
        Assert.Equal(Csv(1), Csv(4));
        var sample = model.Sample(parts, new SampleOptions { Seed = 3 });
        Assert.Equal(2_000, sample.RowCount);
        var sex = TestData.Labels(sample, "sex");
        var race = TestData.Labels(sample, "race");
        var age = (NumberColumn)sample["age"];
        Assert.All(Enumerable.Range(0, 700), r => Assert.True(sex[r] == "Female" && race[r] == "Black"));
        Assert.All(Enumerable.Range(700, 300), r => Assert.True(sex[r] == "Male" && age.Values[r] == 40));
        Assert.All(Enumerable.Range(1_000, 1_000), r => Assert.True(sex[r] == "Female" && race[r] == "White"));
        // Lines do not reuse each other's random streams: the two 'Female' lines differ in more than race.
        Assert.NotEqual(TestData.Labels(sample, "education").Take(300), TestData.Labels(sample, "education").Skip(1_000).Take(300));
    }

    [Theory]
    [InlineData("salary,num_rows\n3,10\n", "unknown column 'salary'")]
    [InlineData("sex,rows\nFemale,10\n", "needs a 'num_rows' column")]
    [InlineData("sex,num_rows\nFemale,-1\n", "line 2: 'num_rows' must be a whole number")]
    [InlineData("sex,num_rows\nFemale,10\nMale,ten\n", "line 3")]
    [InlineData("age,num_rows\nold,10\n", "'old' is not a number")]
    [InlineData("sex,num_rows\n,10\n", "no condition")]
    public void ConditionsFile_BadInput_IsAClearDataError(string csv, string says)
    {
        var e = Assert.Throws<DoppelException>(() => ConditionsFile.Parse(TestData.Csv(csv), Model.Value.Metadata));
        Assert.Equal(ErrorKind.Data, e.Kind);
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public void ConditionsFile_UnknownCategory_IsUnsatisfiableBeforeAnyRow()
    {
        var model = Model.Value;
        var parts = ConditionsFile.Parse(TestData.Csv("sex,num_rows\nFemale,10\nMartian,10\n"), model.Metadata);
        using var memory = new MemoryTableWriter();
        var e = Assert.Throws<DoppelException>(() => model.Sample(parts, new SampleOptions { Seed = 1 }, memory));
        Assert.Equal(ErrorKind.Unsatisfiable, e.Kind);
        Assert.Contains("Martian", e.Message);
        Assert.Empty(memory.Batches);
    }
}
