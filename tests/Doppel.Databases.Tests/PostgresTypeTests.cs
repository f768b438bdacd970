using Doppel.Databases.Postgres;
using Doppel.Metadata;

namespace Doppel.Databases.Tests;

public sealed class PostgresTypeTests
{
    [Theory]
    [InlineData("smallint", SemanticType.Numerical, true, null, null)]
    [InlineData("numeric(10,2)", SemanticType.Numerical, false, 2, null)]
    [InlineData("numeric(12,0)", SemanticType.Numerical, true, 0, null)]
    [InlineData("character varying(40)", SemanticType.Categorical, false, null, 40)]
    [InlineData("character(5)", SemanticType.Categorical, false, null, 5)]
    [InlineData("timestamp(3) with time zone", SemanticType.Datetime, false, null, null)]
    [InlineData("interval day to second", SemanticType.Numerical, false, null, null)]
    [InlineData("uuid", SemanticType.Id, false, null, null)]
    public void Parse_KnownTypes(string declared, SemanticType semantic, bool integer, int? scale, int? length)
    {
        var type = PostgresType.Parse(declared)!;
        Assert.Equal((semantic, integer, scale, length), (type.Semantic, type.Integer, type.Scale, type.Length));
    }

    [Theory]
    [InlineData("text[]")]
    [InlineData("tsvector")]
    [InlineData("int4range")]
    [InlineData("bit(3)")]
    [InlineData("point")]
    public void Parse_ExoticTypes_AreUnsupported(string declared) => Assert.Null(PostgresType.Parse(declared));

    // bytea is written (a spec's hex text, cast at commit) but never read from a source (DatabaseCliTests: left out, said so).
    [Fact]
    public void Parse_Bytea_IsWrittenFromHexText() =>
        Assert.Equal((PgWire.Bytea, "bytea"), (PostgresType.Parse("bytea")!.Wire, PostgresType.Parse("bytea")!.Declared));

    [Fact]
    public void DeclaredFor_FileColumns()
    {
        Assert.Equal("bigint", PostgresType.DeclaredFor(new ColumnMetadata("n", SemanticType.Numerical) { Integer = true }));
        Assert.Equal("numeric(38,3)", PostgresType.DeclaredFor(new ColumnMetadata("n", SemanticType.Numerical) { Decimals = 3 }));
        Assert.Equal("date", PostgresType.DeclaredFor(new ColumnMetadata("d", SemanticType.Datetime) { Format = "yyyy-MM-dd" }));
        Assert.Equal("timestamp without time zone", PostgresType.DeclaredFor(new ColumnMetadata("d", SemanticType.Datetime) { Format = "yyyy-MM-dd HH:mm:ss" }));
        Assert.Equal("text", PostgresType.DeclaredFor(new ColumnMetadata("s", SemanticType.Pii) { Pii = PiiKind.Email }));
    }
}
