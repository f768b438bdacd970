using Doppel.Metadata;

namespace Doppel.Tests;

public class MetadataDetectorTests
{
    private static TableMetadata Detect(string csv, List<string>? warnings = null) =>
        MetadataDetector.Detect(TestData.Csv(csv), "t", warnings);

    [Fact]
    public void Detect_NumbersKeepIntegerAndPrecision()
    {
        var meta = Detect("i,d,e\n1,1.5,1e3\n2,2.25,2e3\n3,3.125,3e3\n");
        Assert.Equal(SemanticType.Numerical, meta.Columns[0].Type);
        Assert.True(meta.Columns[0].Integer);
        Assert.False(meta.Columns[1].Integer);
        Assert.Equal(3, meta.Columns[1].Decimals);
        Assert.Equal(SemanticType.Numerical, meta.Columns[2].Type);
    }

    [Fact]
    public void Detect_CategoricalBooleanAndBinaryCodes()
    {
        var meta = Detect("c,b,s\nred,true,1\nblue,false,2\nred,true,1\ngreen,false,2\n");
        Assert.Equal(SemanticType.Categorical, meta.Columns[0].Type);
        Assert.Equal(SemanticType.Boolean, meta.Columns[1].Type);
        Assert.Equal(SemanticType.Categorical, meta.Columns[2].Type); // two integer codes
    }

    [Theory]
    [InlineData("2024-01-31", "yyyy-MM-dd")]
    [InlineData("2024-01-31 13:45:00", "yyyy-MM-dd HH:mm:ss")]
    [InlineData("2024-01-31T13:45:00", "yyyy-MM-ddTHH:mm:ss")]
    [InlineData("31/01/2024", "dd/MM/yyyy")]
    [InlineData("01/31/2024", "MM/dd/yyyy")]
    [InlineData("31.01.2024", "dd.MM.yyyy")]
    public void Detect_DatetimeFormat(string value, string format)
    {
        var meta = Detect($"when\n{value}\n{value}\n");
        Assert.Equal(SemanticType.Datetime, meta.Columns[0].Type);
        Assert.Equal(format, meta.Columns[0].Format);
    }

    [Fact]
    public void Detect_AmbiguousDayMonth_IsReportedNotGuessed()
    {
        var warnings = new List<string>();
        var meta = Detect("when\n01/02/2024\n03/04/2024\n", warnings);
        Assert.NotEqual(SemanticType.Datetime, meta.Columns[0].Type);
        Assert.Contains(warnings, w => w.Contains("--date-format"));
    }

    [Theory]
    [InlineData("dd/MM/yyyy", 2)]
    [InlineData("MM/dd/yyyy", 1)]
    public void Detect_DateFormatOption_SettlesTheOrder(string format, int month)
    {
        var raw = TestData.Csv("when\n01/02/2024\n03/04/2024\n");
        var meta = MetadataDetector.Detect(raw, "t", null, new ParseOptions { DateFormat = format });
        Assert.Equal(format, meta.Columns[0].Format);
        var ticks = ((Doppel.Data.DateTimeColumn)TableConverter.Convert(raw, meta)["when"]).Ticks;
        Assert.Equal(2024, new DateTime(ticks[1]).Year);
        Assert.Equal(month, new DateTime(ticks[0]).Month);
    }

    [Fact]
    public void Detect_DayAboveTwelve_DecidesTheOrder()
    {
        var meta = Detect("when\n01/02/2024\n25/04/2024\n");
        Assert.Equal("dd/MM/yyyy", meta.Columns[0].Format);
    }

    [Fact]
    public void Detect_MixedDateFormats_AreDatetimeWithWarning()
    {
        var warnings = new List<string>();
        var meta = Detect("when\n2024-01-31\n2024-02-01\n2024-02-02 10:00:00\n", warnings);
        Assert.Equal(SemanticType.Datetime, meta.Columns[0].Type);
        Assert.Equal("yyyy-MM-dd", meta.Columns[0].Format);
        Assert.Contains(warnings, w => w.Contains("mixes date formats"));
    }

    [Fact]
    public void Detect_PiiFromValuesAndNames()
    {
        var rows = string.Join("\n", Enumerable.Range(0, 30).Select(i => $"user{i}@mail.org,555-01{i:00}-123{i % 10},Person {i},{i}"));
        var meta = Detect("contact,phone,first_name,customer_id\n" + rows + "\n");
        Assert.Equal(PiiKind.Email, meta.Columns[0].Pii);
        Assert.Equal(PiiKind.Phone, meta.Columns[1].Pii);
        Assert.Equal(PiiKind.PersonName, meta.Columns[2].Pii);
        Assert.Equal(SemanticType.Id, meta.Columns[3].Type);
        Assert.Equal("customer_id", meta.PrimaryKey);
    }

    [Fact]
    public void Detect_AllNullColumn_IsCategoricalWithWarning()
    {
        var warnings = new List<string>();
        var meta = Detect("a,b\n1,\n2,\n", warnings);
        Assert.Equal(SemanticType.Categorical, meta.Columns[1].Type);
        Assert.Contains(warnings, w => w.Contains("'b'"));
    }

    [Fact]
    public void Detect_MixedNumbersAndText_IsCategoricalWithWarning()
    {
        var warnings = new List<string>();
        var meta = Detect("a\n1\n2\n3\nunknown\n", warnings);
        Assert.Equal(SemanticType.Categorical, meta.Columns[0].Type);
        Assert.Contains(warnings, w => w.Contains("mixes numbers"));
    }

    [Fact]
    public void Detect_ManyDistinctStrings_IsTextNotCategorical()
    {
        var rows = string.Join("\n", Enumerable.Range(0, 100_000).Select(i => $"v{i * 7919 % 100_003}x"));
        var meta = Detect("label\n" + rows + "\n");
        Assert.Equal(SemanticType.Text, meta.Columns[0].Type);
    }
}

public class CultureParsingTests
{
    [Fact]
    public void Detect_DecimalCommaCulture_ReadsNumbers()
    {
        var raw = TestData.Csv("price;qty\n1,5;2\n2,25;3\n10,125;4\n");
        var options = ParseOptions.ForCulture("de-DE");
        var meta = MetadataDetector.Detect(raw, "t", null, options);
        Assert.Equal(SemanticType.Numerical, meta.Columns[0].Type);
        Assert.Equal(3, meta.Columns[0].Decimals);
        var price = (Doppel.Data.NumberColumn)TableConverter.Convert(raw, meta, null, options)["price"];
        Assert.Equal([1.5, 2.25, 10.125], price.Values);
        // Read invariant, the same cells are not numbers.
        Assert.NotEqual(SemanticType.Numerical, MetadataDetector.Detect(raw, "t").Columns[0].Type);
    }

    [Fact]
    public void ForCulture_Unknown_IsUsageError()
    {
        var e = Assert.Throws<DoppelException>(() => ParseOptions.ForCulture("xx-NOPE"));
        Assert.Equal(ErrorKind.Usage, e.Kind);
    }
}
