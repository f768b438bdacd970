using Doppel.Metadata;

namespace Doppel.Tests;

public sealed class SqlSchemaJsonTests
{
    private static DatasetMetadata WithSql() =>
        new([new TableMetadata("orders", [new ColumnMetadata("id", SemanticType.Id) { Integer = true }, new ColumnMetadata("total", SemanticType.Numerical) { Decimals = 2 }]) { Key = ["id"] }], [])
        {
            Sql = new SqlSchema(SqlSchema.PostgreSql, [
                new SqlTable("orders", [new SqlColumn("id", "integer", true) { Identity = "always" }, new SqlColumn("total", "numeric(10,2)", false) { Default = "0" }])
                {
                    PrimaryKeyName = "orders_pkey",
                    Uniques = [new SqlUnique("orders_total_key", ["total"])],
                    Checks = [new SqlCheck("total_positive", "CHECK ((total >= (0)::numeric))", ["total"])],
                },
            ]) { Schema = "shop", Enums = [new SqlEnum("mood", ["happy", "sad"])] },
        };

    [Fact]
    public void Sql_RoundTripsThroughMetadataJson()
    {
        string json = MetadataJson.Write(WithSql());
        Assert.Contains("\"sql\"", json);
        Assert.Contains("\"dialect\": \"postgresql\"", json);
        Assert.Equal("CHECK ((total >= (0)::numeric))", MetadataJson.Parse(json).Sql!.Find("orders")!.Checks.Single().Expression);
        var back = MetadataJson.Parse(json);
        Assert.Equal("numeric(10,2)", back.Sql!.Find("orders")!.Find("total")!.Type);
        Assert.Equal(["happy", "sad"], back.Sql.Enums.Single().Labels);
        Assert.Equal(json, MetadataJson.Write(back));
    }

    [Fact]
    public void Sql_AbsentForFiles_UnknownKeyRejected()
    {
        var plain = WithSql() with { Sql = null };
        Assert.DoesNotContain("\"sql\"", MetadataJson.Write(plain));
        Assert.Null(MetadataJson.Parse(MetadataJson.Write(plain)).Sql);
        string bad = MetadataJson.Write(WithSql()).Replace("\"dialect\"", "\"dialekt\"", StringComparison.Ordinal);
        var e = Assert.Throws<DoppelException>(() => MetadataJson.Parse(bad));
        Assert.Equal(ErrorKind.Metadata, e.Kind);
        Assert.Contains("\"sql\"", e.Message);
    }
}
