using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Tests;

public class TableConverterTests
{
    [Fact]
    public void Convert_NaNIsMissing_HugeValuesAreKept()
    {
        var warnings = new List<string>();
        var raw = TestData.Csv("x\n1\nNaN\n1e308\n-1e308\n");
        var table = TableConverter.Convert(raw, MetadataDetector.Detect(raw, "t"), warnings);
        var x = (NumberColumn)table["x"];
        Assert.True(x.IsNull(1));
        Assert.Equal(1e308, x.Values[2]);
        Assert.Contains(warnings, w => w.Contains("NaN"));
    }

    [Fact]
    public void Convert_Infinity_IsClearErrorNamingColumnAndRow()
    {
        var raw = TestData.Csv("x\n1\ninf\n");
        var e = Assert.Throws<DoppelException>(() => TableConverter.Convert(raw, MetadataDetector.Detect(raw, "t")));
        Assert.Equal(ErrorKind.Data, e.Kind);
        Assert.Contains("'x'", e.Message);
        Assert.Contains("row 2", e.Message);
    }

    [Fact]
    public void Convert_TextInDeclaredNumericColumn_NamesTheValue()
    {
        var raw = TestData.Csv("x\n1\nabc\n");
        var meta = new TableMetadata("t", [new ColumnMetadata("x", SemanticType.Numerical)]);
        var e = Assert.Throws<DoppelException>(() => TableConverter.Convert(raw, meta));
        Assert.Contains("'abc'", e.Message);
    }

    [Fact]
    public void Convert_MetadataNamingMissingColumn_IsMetadataError()
    {
        var raw = TestData.Csv("x\n1\n");
        var meta = new TableMetadata("t", [new ColumnMetadata("x", SemanticType.Numerical), new ColumnMetadata("y", SemanticType.Numerical)]);
        var e = Assert.Throws<DoppelException>(() => TableConverter.Convert(raw, meta));
        Assert.Equal(ErrorKind.Metadata, e.Kind);
        Assert.Contains("'y'", e.Message);
    }

    [Fact]
    public void Convert_DataColumnMissingFromMetadata_IsMetadataError()
    {
        var raw = TestData.Csv("x,z\n1,2\n");
        var meta = new TableMetadata("t", [new ColumnMetadata("x", SemanticType.Numerical)]);
        var e = Assert.Throws<DoppelException>(() => TableConverter.Convert(raw, meta));
        Assert.Contains("'z'", e.Message);
    }
}

public class MixedDateConversionTests
{
    [Fact]
    public void Convert_MixedDateFormats_ParseToTheSameDays()
    {
        var raw = TestData.Csv("when\n2024-01-31\n2024-02-01\n2024-02-02 10:00:00\n");
        var table = TableConverter.Convert(raw, MetadataDetector.Detect(raw, "t"));
        var ticks = ((DateTimeColumn)table["when"]).Ticks;
        Assert.Equal(new DateTime(2024, 2, 2, 10, 0, 0).Ticks, ticks[2]);
        Assert.Equal(new DateTime(2024, 1, 31).Ticks, ticks[0]);
    }
}
