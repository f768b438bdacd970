using Doppel.Metadata;

namespace Doppel.Tests.Relational;

public class RelationalMetadataJsonTests
{
    private static DatasetMetadata Shop() => new(
        [
            new TableMetadata("orders", [new("order_id", SemanticType.Id), new("total", SemanticType.Numerical)], "order_id"),
            new TableMetadata("lines", [new("order_id", SemanticType.Id), new("line_no", SemanticType.Id), new("qty", SemanticType.Numerical)]) { Key = ["order_id", "line_no"] },
            new TableMetadata("notes", [new("order_id", SemanticType.Id), new("line_no", SemanticType.Id)]) { Key = ["order_id"] },
        ],
        [
            new Relationship("orders", "order_id", "lines", "order_id"),
            new Relationship("lines", ["order_id", "line_no"], "notes", ["order_id", "line_no"]) { Name = "notes_line_fk" },
        ]);

    [Fact]
    public void ReferenceTables_RoundTrip_AndOlderFilesReadAsModelled()
    {
        var shop = Shop();
        string json = MetadataJson.Write(shop with { Tables = [.. shop.Tables.Select(t => t.Name == "orders" ? t with { Reference = true } : t)] });
        Assert.Contains("\"reference\": true", json, StringComparison.Ordinal);
        var read = MetadataJson.Parse(json);
        Assert.True(read.FindTable("orders")!.Reference);
        Assert.False(read.FindTable("lines")!.Reference);
        string older = MetadataJson.Write(shop);
        Assert.DoesNotContain("reference", older, StringComparison.Ordinal);
        Assert.All(MetadataJson.Parse(older).Tables, t => Assert.False(t.Reference));
        var e = Assert.Throws<DoppelException>(() => MetadataJson.Parse(json.Replace("\"reference\": true", "\"reference\": \"yes\"", StringComparison.Ordinal)));
        Assert.Equal(ErrorKind.Metadata, e.Kind);
    }

    [Fact]
    public void CompositeKeysAndForeignKeys_RoundTripAsVersion3()
    {
        string json = MetadataJson.Write(Shop());
        Assert.Contains("\"version\": 3", json, StringComparison.Ordinal);
        var read = MetadataJson.Parse(json);
        Assert.Equal(["order_id", "line_no"], read.FindTable("lines")!.Key);
        Assert.Null(read.FindTable("lines")!.PrimaryKey);
        Assert.Equal("order_id", read.FindTable("notes")!.PrimaryKey);
        var fk = read.Relationships[1];
        Assert.True(fk.IsComposite);
        Assert.Equal(["order_id", "line_no"], fk.ChildColumns);
        Assert.Equal("notes_line_fk", fk.Name);
        Assert.Equal("lines(order_id) -> orders(order_id)", read.Relationships[0].Describe());
    }

    [Fact]
    public void SingleColumnKeys_StayVersion1WithPrimaryKey()
    {
        var single = new DatasetMetadata([new TableMetadata("t", [new("id", SemanticType.Id)], "id")], []);
        string json = MetadataJson.Write(single);
        Assert.Contains("\"version\": 1", json, StringComparison.Ordinal);
        Assert.Contains("\"primaryKey\": \"id\"", json, StringComparison.Ordinal);
        Assert.Equal(["id"], MetadataJson.Parse(json).Tables[0].Key);
    }

    [Theory]
    [InlineData("\"key\": [\"a\", \"zz\"]", "table 't' has key column 'zz'")]
    [InlineData("\"key\": [\"a\", \"a\"]", "lists a column twice")]
    [InlineData("\"key\": [], \"primaryKey\": \"a\"", "has both \"primaryKey\" and \"key\"")]
    public void BadKeys_AreMetadataErrors(string key, string message)
    {
        string json = $$"""{"format":"doppel-metadata","version":3,"tables":[{"name":"t",{{key}},"columns":[{"name":"a","type":"id"},{"name":"b","type":"id"}]}],"relationships":[]}""";
        var e = Assert.Throws<DoppelException>(() => MetadataJson.Parse(json));
        Assert.Equal(ErrorKind.Metadata, e.Kind);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MismatchedForeignKeyColumns_AreAMetadataError()
    {
        string json = """{"format":"doppel-metadata","version":3,"tables":[{"name":"p","key":["a","b"],"columns":[{"name":"a","type":"id"},{"name":"b","type":"id"}]},{"name":"c","columns":[{"name":"a","type":"id"}]}],"relationships":[{"parentTable":"p","parentColumns":["a","b"],"childTable":"c","childColumns":["a"]}]}""";
        var e = Assert.Throws<DoppelException>(() => MetadataJson.Parse(json));
        Assert.Contains("1 child columns but 2 parent columns", e.Message, StringComparison.Ordinal);
    }
}
