using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Metadata;

namespace Doppel.Tests;

public class TablePairTests
{
    private static readonly TableMetadata Meta = new("t",
    [
        new ColumnMetadata("a", SemanticType.Numerical), new ColumnMetadata("b", SemanticType.Categorical),
        new ColumnMetadata("c", SemanticType.Boolean),
    ]);

    private static Table Make(int rows = 2, string last = "c") => new(
    [
        new NumberColumn("a", new double[rows]), new CategoryColumn("b", new int[rows], ["x"]),
        new BooleanColumn(last, new bool[rows]),
    ]);

    [Fact]
    public void Check_SameShape_Passes()
    {
        TablePair.Check(Make(), Make(5), Meta);
    }

    [Fact]
    public void Check_MissingAndExtraColumns_NamesThem()
    {
        var error = Assert.Throws<DoppelException>(() => TablePair.Check(Make(), Make(last: "extra"), Meta));
        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains("lacks column(s) 'c'", error.Message);
        Assert.Contains("'extra'", error.Message);
    }

    [Fact]
    public void Check_PhysicalKindDiffers_NamesTheColumn()
    {
        var synthetic = new Table([new NumberColumn("a", new double[2]), new StringColumn("b", ["x", "x"]), new BooleanColumn("c", new bool[2])]);
        var error = Assert.Throws<DoppelException>(() => TablePair.Check(Make(), synthetic, Meta));
        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains("Column 'b' holds categories in the real table but strings in the synthetic table", error.Message);
    }

    [Fact]
    public void Check_EmptySynthetic_IsADataError()
    {
        var error = Assert.Throws<DoppelException>(() => TablePair.Check(Make(), Make(0), Meta));
        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains("synthetic table has no rows", error.Message);
    }

    [Fact]
    public void Check_MetadataNotDescribingTheTables_IsAMetadataError()
    {
        var partial = Meta with { Columns = [.. Meta.Columns.Take(2), new ColumnMetadata("d", SemanticType.Boolean)] };
        var error = Assert.Throws<DoppelException>(() => TablePair.Check(Make(), Make(), partial));
        Assert.Equal(ErrorKind.Metadata, error.Kind);
        Assert.Contains("'c'", error.Message);
    }

    [Fact]
    public void Check_NumericalTypeOnCategories_IsAMetadataError()
    {
        var wrong = Meta with { Columns = [Meta.Columns[0], new ColumnMetadata("b", SemanticType.Numerical), Meta.Columns[2]] };
        var error = Assert.Throws<DoppelException>(() => TablePair.Check(Make(), Make(), wrong));
        Assert.Equal(ErrorKind.Metadata, error.Kind);
        Assert.Contains("Column 'b' is numerical in the metadata but holds categories", error.Message);
    }
}
