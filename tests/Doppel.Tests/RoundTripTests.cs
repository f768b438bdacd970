using System.Globalization;
using System.Text;
using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Bayes;
using Doppel.Synthesizers.Mst;
using Doppel.Synthesizers.Trees;

namespace Doppel.Tests;

/// <summary>Data comes back as it went in: spellings, precision and date formats survive reading, synthesis and writing.</summary>
public sealed class RoundTripTests
{
    private static readonly string[] Synthesizers = ["gaussian-copula", "independent", "sequential-tree", "bayesian-network", "mst"];

    /// <summary>
    /// bank_marketing-style rows: yes/no, t/f, Y/N and True/False booleans, balances with two decimals (0.00 among
    /// them), a duration written with one decimal (7.0), millisecond timestamps. About 12% 'yes', as in bank_marketing.
    /// </summary>
    private static string BankCsv(int rows, ulong seed = 3)
    {
        var random = new RandomStream(seed, 0);
        var text = new StringBuilder("age,balance,duration,housing,default,loan,contact_ok,contacted_at,y\n");
        var start = new DateTime(2024, 3, 1, 8, 0, 0);
        for (int i = 0; i < rows; i++)
        {
            double z = random.NextNormal();
            int age = 25 + random.NextInt(40);
            double balance = random.NextDouble() < 0.1 ? 0 : Math.Round(Math.Exp(6 + 1.5 * random.NextNormal()), 2);
            double duration = Math.Round(60 + 200 * random.NextDouble(), 1);
            bool yes = z + 0.002 * duration > 1.6;
            var at = start.AddMilliseconds(random.NextInt(86_400_000) * 10.0 + random.NextInt(1000));
            text.Append(CultureInfo.InvariantCulture, $"{age},{balance:0.00},{duration:0.0},{(random.NextDouble() < 0.55 ? "yes" : "no")},")
                .Append(random.NextDouble() < 0.1 ? "t" : "f").Append(',')
                .Append(random.NextDouble() < 0.2 ? "Y" : "N").Append(',')
                .Append(random.NextDouble() < 0.7 ? "True" : "False").Append(',')
                .Append(at.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append(',')
                .Append(yes ? "yes" : "no").Append('\n');
        }
        return text.ToString();
    }

    private static (RawTable Raw, Table Table, TableMetadata Metadata) Load(string csv, ParseOptions? options = null, List<string>? warnings = null)
    {
        var raw = TestData.Csv(csv);
        var metadata = MetadataDetector.Detect(raw, "t", warnings, options);
        return (raw, TableConverter.Convert(raw, metadata, warnings, options), metadata);
    }

    private static string Csv(Table table, TableMetadata metadata) => CsvTableWriter.ToText(table, metadata);

    private static SynthesisModel Fit(string synthesizer, Table table, TableMetadata metadata) => synthesizer == "mst"
        ? new MstSynthesizer(new DifferentialPrivacyOptions { Epsilon = 1, PublicDomain = false, Noise = Doppel.Privacy.Dp.NoiseSource.InsecureSeededForTests(5) }).Fit(table, metadata)
        : SynthesizerCatalog.Create(synthesizer, new SynthesizerOptions()).Fit(table, metadata);

    /// <summary>The cells of one column of a CSV text (no quoted fields in these tests).</summary>
    private static string[] Cells(string csv, string column)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int c = Array.IndexOf(lines[0].Split(','), column);
        return [.. lines.Skip(1).Select(l => l.Split(',')[c])];
    }

    [Fact]
    public void BankMarketingStyle_ReadAndWrittenBack_IsByteIdentical()
    {
        // The floor: every value that exists in the input is formatted identically.
        string csv = BankCsv(2_000);
        var (_, table, metadata) = Load(csv);

        Assert.Equal(csv, Csv(table, metadata));
        Assert.Equal("yes/no", metadata.Find("y")!.Format);
        Assert.Equal("t/f", metadata.Find("default")!.Format);
        Assert.Equal("Y/N", metadata.Find("loan")!.Format);
        Assert.Equal("True/False", metadata.Find("contact_ok")!.Format);
        Assert.Equal("yyyy-MM-dd HH:mm:ss.fff", metadata.Find("contacted_at")!.Format);
        Assert.Equal(2, metadata.Find("balance")!.Decimals);
    }

    [Theory]
    [MemberData(nameof(EverySynthesizer))]
    public void Synthesized_ValuesAreWrittenInTheColumnsOwnForms(string synthesizer)
    {
        var (_, table, metadata) = Load(BankCsv(2_000));
        var model = Fit(synthesizer, table, metadata);

        string output = Csv(model.Sample(2_000, new SampleOptions { Seed = 7 }), model.Metadata);

        Assert.Subset(new HashSet<string> { "yes", "no" }, Cells(output, "y").ToHashSet());
        Assert.Contains("yes", Cells(output, "y"));
        Assert.Subset(new HashSet<string> { "t", "f" }, Cells(output, "default").ToHashSet());
        Assert.Subset(new HashSet<string> { "Y", "N" }, Cells(output, "loan").ToHashSet());
        Assert.Subset(new HashSet<string> { "True", "False" }, Cells(output, "contact_ok").ToHashSet());
        Assert.All(Cells(output, "balance"), v => Assert.Matches(@"^\d+\.\d\d$", v));
        Assert.All(Cells(output, "duration"), v => Assert.Matches(@"^\d+\.\d$", v));
        Assert.All(Cells(output, "contacted_at"), v => Assert.Matches(@"^2024-03-\d\d \d\d:\d\d:\d\d\.\d{3}$", v));
    }

    public static TheoryData<string> EverySynthesizer() => [.. Synthesizers];

    [Theory]
    [MemberData(nameof(EverySynthesizer))]
    public void Where_BooleanInItsOwnSpelling_KeepsOnlyThoseRows(string synthesizer)
    {
        var (_, table, metadata) = Load(BankCsv(2_000));
        var model = Fit(synthesizer, table, metadata);

        string output = Csv(model.Sample(500, new SampleOptions { Seed = 7, Where = "y = 'yes' and loan != 'Y'" }), model.Metadata);

        Assert.Equal(500, Cells(output, "y").Length);
        Assert.All(Cells(output, "y"), v => Assert.Equal("yes", v));
        Assert.All(Cells(output, "loan"), v => Assert.Equal("N", v));
    }

    [Theory]
    [MemberData(nameof(EverySynthesizer))]
    public void Rebalance_YesNoColumn_GivesHalfYes(string synthesizer)
    {
        // Before: the classes were true/false, so no row was written 'yes'.
        var (_, table, metadata) = Load(BankCsv(2_000));
        var model = Fit(synthesizer, table, metadata);
        var options = new SampleOptions { Seed = 7 };

        var parts = Rebalance.Plan(model, "y", 1_000, options);
        string output = Csv(model.Sample(parts, options), model.Metadata);

        Assert.Equal(500, Cells(output, "y").Count(v => v == "yes"));
        Assert.Equal(500, Cells(output, "y").Count(v => v == "no"));
        Assert.Equal(300, Rebalance.Plan(model, "y='yes':0.3", 1_000, options).Single(p => p.Where.Contains("true", StringComparison.Ordinal)).Rows);
    }

    [Theory]
    [MemberData(nameof(EverySynthesizer))]
    public void Constraints_InTheColumnsSpelling_HoldAndOutputKeepsIt(string synthesizer)
    {
        var (_, table, metadata) = Load(BankCsv(2_000));
        var model = Fit(synthesizer, table, metadata);

        string output = Csv(model.Sample(1_000, new SampleOptions { Seed = 7, Constraints = ["y = 'no' or housing = 'yes'", "one_hot(default, loan)"] }), model.Metadata);

        var y = Cells(output, "y");
        var housing = Cells(output, "housing");
        Assert.All(Enumerable.Range(0, y.Length), i => Assert.True(y[i] == "no" || housing[i] == "yes"));
        var defaults = Cells(output, "default");
        var loans = Cells(output, "loan");
        Assert.All(Enumerable.Range(0, y.Length), i => Assert.True((defaults[i] == "t") != (loans[i] == "Y")));
    }

    [Fact]
    public void CsvAndParquetOutputsOfOneSeed_HoldTheSameValues()
    {
        var (_, table, metadata) = Load(BankCsv(2_000));
        var model = new GaussianCopulaSynthesizer().Fit(table, metadata);
        string folder = TestData.TempFolder();
        try
        {
            var tables = new[] { "out.csv", "out.parquet" }.Select(name =>
            {
                string path = Path.Combine(folder, name);
                using (var stream = File.Create(path))
                using (var writer = TableFiles.OpenWriter(path, stream, model.Metadata))
                    model.Sample(3_000, new SampleOptions { Seed = 9 }, writer);
                return TableFiles.Load(path, model.Metadata).Table;
            }).ToArray();

            Assert.Equal(((DateTimeColumn)tables[0]["contacted_at"]).Ticks, ((DateTimeColumn)tables[1]["contacted_at"]).Ticks);
            Assert.Equal(((NumberColumn)tables[0]["balance"]).Values, ((NumberColumn)tables[1]["balance"]).Values);
            Assert.Equal(((BooleanColumn)tables[0]["y"]).Values, ((BooleanColumn)tables[1]["y"]).Values);
            Assert.All(((DateTimeColumn)tables[0]["contacted_at"]).Ticks, t => Assert.Equal(0, t % TimeSpan.TicksPerMillisecond));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Decimals_TrailingZerosAndNegativeZero_WrittenAsTheColumnWritesThem()
    {
        var (_, table, metadata) = Load("price,ratio,mixed\n1.00,7.0,1.5\n0.00,2.5,2.25\n-3.10,0.0,3\n");
        Assert.Equal("price,ratio,mixed\n1.00,7.0,1.5\n0.00,2.5,2.25\n-3.10,0.0,3\n", Csv(table, metadata));
        Assert.Equal("0.##", metadata.Find("mixed")!.Format);

        // -0.001 rounds to zero: written 0.00, never -0.00; metadata that says 2 decimals gets 2 decimals.
        var declared = new TableMetadata("t", [new ColumnMetadata("p", SemanticType.Numerical) { Decimals = 2 }]);
        Assert.Equal("p\n0.00\n1.00\n2.50\n", Csv(new Table([new NumberColumn("p", [-0.001, 1, 2.5])], 3), declared));
    }

    [Fact]
    public void IntegersAbove2To63_AreWrittenInFull()
    {
        var (_, table, metadata) = Load("big\n100000000000000000000\n200000000000000000000\n300000000000000000000\n");

        Assert.Equal("big\n100000000000000000000\n200000000000000000000\n300000000000000000000\n", Csv(table, metadata));
        Assert.DoesNotContain("E+", Csv(new Table([new NumberColumn("big", [1e20, -2.5e19])], 2), metadata), StringComparison.Ordinal);
    }

    [Fact]
    public void ThousandsSeparators_AreNumbers_WrittenBackWithSeparators()
    {
        var (_, table, metadata) = Load("amount,price\n\"123,456\",\"1,234.50\"\n\"7,890,001\",12.00\n42,\"100,000.25\"\n");

        Assert.Equal(SemanticType.Numerical, metadata.Find("amount")!.Type);
        Assert.Equal("#,##0", metadata.Find("amount")!.Format);
        Assert.Equal("#,##0.00", metadata.Find("price")!.Format);
        Assert.Equal(123_456, ((NumberColumn)table["amount"]).Values[0]);
        Assert.Equal("amount,price\n\"123,456\",\"1,234.50\"\n\"7,890,001\",12.00\n42,\"100,000.25\"\n", Csv(table, metadata));
        Assert.False(ValueParsing.TryNumber("1,23", out _)); // not thousands: still text
    }

    [Fact]
    public void NullTokens_AmongIntegers_AreMissing_AndTheListCanBeChanged()
    {
        const string csv = "n,label\n1,n/a\n2,NA\nn/a,null\n-,x\n5,-\nNULL,y\n";
        var (_, table, metadata) = Load(csv);

        Assert.Equal(SemanticType.Numerical, metadata.Find("n")!.Type);
        Assert.Equal([1.0, 2, 5], TestData.Numbers(table, "n"));
        Assert.Equal(SemanticType.Categorical, metadata.Find("label")!.Type); // text columns keep the tokens as values
        Assert.Contains("n/a", TestData.Labels(table, "label"));

        var warnings = new List<string>();
        var (_, _, strict) = Load(csv, ParseOptions.Default with { NullTokens = ["-"] }, warnings);
        Assert.Equal(SemanticType.Categorical, strict.Find("n")!.Type);
        Assert.Single(warnings, w => w.Contains("'n'", StringComparison.Ordinal) && w.Contains("'n/a'", StringComparison.Ordinal));
    }

    [Fact]
    public void Timestamps_WithOffsetsAndAmPm_AreDatetimes_WrittenBackAsRead()
    {
        const string csv = "utc,local,us,zulu\n" +
                           "2020-01-01T10:00:00+02:00,2020-01-01 10:00:00+01:00,1/1/2020 1:00 PM,2020-01-01T10:00:00.250Z\n" +
                           "2020-06-30T23:15:00+02:00,2020-06-30 23:15:00+02:00,12/31/2020 11:59 AM,2020-06-30T23:15:00.125Z\n";
        var (_, table, metadata) = Load(csv);

        Assert.All(metadata.Columns, c => Assert.Equal(SemanticType.Datetime, c.Type));
        Assert.Equal(new DateTime(2020, 1, 1, 13, 0, 0).Ticks, ((DateTimeColumn)table["us"]).Ticks[0]);
        // One offset throughout: kept as written. Several: read as UTC, written as +00:00.
        Assert.Equal("utc,local,us,zulu\n" +
                     "2020-01-01T10:00:00+02:00,2020-01-01 09:00:00+00:00,1/1/2020 1:00 PM,2020-01-01T10:00:00.250Z\n" +
                     "2020-06-30T23:15:00+02:00,2020-06-30 21:15:00+00:00,12/31/2020 11:59 AM,2020-06-30T23:15:00.125Z\n",
            Csv(table, metadata));
    }

    [Fact]
    public void NumericLookingColumnFallingBackToText_WarnsOnceNamingColumnAndValue()
    {
        var warnings = new List<string>();
        Load("when,count\n2024-01-01,1\n2024-01-02,2\nsoon,three\n2024-01-04,4\n", null, warnings);

        Assert.Single(warnings, w => w.Contains("'when'", StringComparison.Ordinal) && w.Contains("'soon'", StringComparison.Ordinal));
        Assert.Single(warnings, w => w.Contains("'count'", StringComparison.Ordinal) && w.Contains("'three'", StringComparison.Ordinal));
    }

    [Fact]
    public void DeclaredBooleans_OneZeroAndAnyCase_AreReadAndWrittenInTheirSpelling()
    {
        var raw = TestData.Csv("a,b\n1,YES\n0,No\n1,yes\n");
        var given = new TableMetadata("t", [new ColumnMetadata("a", SemanticType.Boolean), new ColumnMetadata("b", SemanticType.Boolean)]);

        var metadata = MetadataDetector.Complete(raw, given);
        var table = TableConverter.Convert(raw, metadata);

        Assert.Equal("1/0", metadata.Find("a")!.Format);
        Assert.Equal("a,b\n1,YES\n0,No\n1,YES\n", Csv(table, metadata)); // the most common spelling of each side
    }

    [Fact]
    public void SdvMetadata_FloatLearnsPrecisionFromTheData_AndPiiFalseKeepsValues()
    {
        const string json = """
            {"METADATA_SPEC_VERSION": "SINGLE_TABLE_V1", "columns": {
              "price": {"sdtype": "numerical", "computer_representation": "Float"},
              "city": {"sdtype": "address", "pii": false},
              "mail": {"sdtype": "email", "pii": true}}}
            """;
        var given = MetadataJson.Parse(json).SingleTable;
        // 24 rows (a model needs 20): prices with two decimals, trailing zeros included.
        var raw = TestData.Csv("price,city,mail\n" + string.Concat(Enumerable.Range(0, 24).Select(i =>
            $"{i + (i % 2 == 0 ? 0.25 : 0.5):0.00},{(i % 2 == 0 ? "Oslo" : "Bergen")},m{i}@x.org\n")));

        var metadata = MetadataDetector.Complete(raw, given);
        var table = TableConverter.Convert(raw, metadata);
        var model = new GaussianCopulaSynthesizer().Fit(table, metadata);
        string output = Csv(model.Sample(200, new SampleOptions { Seed = 1 }), model.Metadata);

        Assert.Equal(SemanticType.Categorical, metadata.Find("city")!.Type);
        Assert.Equal(SemanticType.Pii, metadata.Find("mail")!.Type);
        Assert.Equal(2, metadata.Find("price")!.Decimals);
        Assert.All(Cells(output, "price"), v => Assert.Matches(@"^\d+\.\d\d$", v));
    }

    [Fact]
    public void MetadataJson_KeepsFormats_AndReadsOldFilesWithoutThem()
    {
        var (_, _, metadata) = Load(BankCsv(200));
        var back = MetadataJson.Parse(MetadataJson.Write(DatasetMetadata.Single(metadata))).SingleTable;
        Assert.Equal(metadata.Columns, back.Columns);

        var old = MetadataJson.Parse("""{"format": "doppel-metadata", "version": 1, "tables": [{"name": "t", "columns": [{"name": "y", "type": "boolean"}, {"name": "p", "type": "numerical", "integer": false, "decimals": 2}]}], "relationships": []}""").SingleTable;
        Assert.Null(old.Find("y")!.Format);
        Assert.Equal("y,p\ntrue,1.50\n", Csv(new Table([new BooleanColumn("y", [true]), new NumberColumn("p", [1.5])], 1), old));

        var bad = Assert.Throws<DoppelException>(() => MetadataJson.Parse("""{"format": "doppel-metadata", "version": 1, "tables": [{"name": "t", "columns": [{"name": "y", "type": "boolean", "format": "yes"}]}], "relationships": []}"""));
        Assert.Equal(ErrorKind.Metadata, bad.Kind);
        Assert.Contains("yes/no", bad.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gaussian-copula")]
    [InlineData("independent")]
    [InlineData("sequential-tree")]
    [InlineData("bayesian-network")]
    public void CategoricalWithNoFrequentCategory_IsGeneratedInItsShapes_NeverAsRareToken(string synthesizer)
    {
        var csv = new StringBuilder("code,n\n");
        for (int i = 0; i < 80; i++) csv.Append(CultureInfo.InvariantCulture, $"K-{i / 4:00},{i % 4}\n"); // 20 codes, 4 rows each
        var (_, table, metadata) = Load(csv.ToString());
        Assert.Equal(SemanticType.Categorical, metadata.Find("code")!.Type);

        var model = Fit(synthesizer, table, metadata);
        string output = Csv(model.Sample(1_000, new SampleOptions { Seed = 3 }), model.Metadata);

        Assert.Equal(SemanticType.Text, model.Metadata.Find("code")!.Type);
        Assert.All(Cells(output, "code"), v => Assert.Matches(@"^[A-Z]-\d\d$", v));
        var tokens = SynthesizerCatalog.Create(synthesizer, new SynthesizerOptions { RareAsToken = true }).Fit(table, metadata);
        Assert.Contains("_RARE_", Cells(Csv(tokens.Sample(100, new SampleOptions { Seed = 3 }), tokens.Metadata), "code")); // asked for
    }
}
