using Doppel.Metadata;

namespace Doppel.Tests;

public class MetadataJsonTests
{
    private static readonly TableMetadata Sample = new("people",
    [
        new ColumnMetadata("id", SemanticType.Id) { Integer = true },
        new ColumnMetadata("age", SemanticType.Numerical) { Integer = true, Decimals = 0 },
        new ColumnMetadata("score", SemanticType.Numerical) { Decimals = 2 },
        new ColumnMetadata("born", SemanticType.Datetime) { Format = "yyyy-MM-dd" },
        new ColumnMetadata("mail", SemanticType.Pii) { Pii = PiiKind.Email },
        new ColumnMetadata("sex", SemanticType.Categorical),
    ], "id");

    [Fact]
    public void Write_ThenParse_RoundTrips()
    {
        var parsed = MetadataJson.Parse(MetadataJson.Write(DatasetMetadata.Single(Sample))).SingleTable;
        Assert.Equal(Sample.Name, parsed.Name);
        Assert.Equal(Sample.PrimaryKey, parsed.PrimaryKey);
        Assert.Equal(Sample.Columns, parsed.Columns);
    }

    [Fact]
    public void Sequence_WriteThenParse_RoundTripsAsVersion4()
    {
        var table = Sample with { Sequence = new SequenceMetadata(["sex"], "born") { Interval = "1d" } };
        string json = MetadataJson.Write(DatasetMetadata.Single(table));
        Assert.Contains("\"version\": 4", json);
        var sequence = MetadataJson.Parse(json).SingleTable.Sequence;
        Assert.NotNull(sequence);
        Assert.Equal(["sex"], sequence.Entity);
        Assert.Equal("born", sequence.Order);
        Assert.Equal("1d", sequence.Interval);
        Assert.Null(MetadataJson.Parse(MetadataJson.Write(DatasetMetadata.Single(Sample))).SingleTable.Sequence);
    }

    [Theory]
    [InlineData("""{"order":"nope"}""", "'nope'")]
    [InlineData("""{"entity":["sex"],"order":"mail"}""", "datetime or a number")]
    [InlineData("""{"entity":["born"],"order":"born"}""", "cannot also be an entity")]
    [InlineData("""{"entity":["sex"]}""", "\"order\"")]
    public void Sequence_Invalid_IsRejectedWithTheReason(string sequence, string expected)
    {
        string json = MetadataJson.Write(DatasetMetadata.Single(Sample)).Replace("\"columns\":", $"\"sequence\": {sequence}, \"columns\":", StringComparison.Ordinal);
        var e = Assert.Throws<DoppelException>(() => MetadataJson.Parse(json));
        Assert.Equal(ErrorKind.Metadata, e.Kind);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Parse_UnknownKey_IsRejectedByName()
    {
        string json = MetadataJson.Write(DatasetMetadata.Single(Sample)).Replace("\"type\": \"categorical\"", "\"type\": \"categorical\", \"colour\": 1", StringComparison.Ordinal);
        var e = Assert.Throws<DoppelException>(() => MetadataJson.Parse(json));
        Assert.Equal(ErrorKind.Metadata, e.Kind);
        Assert.Contains("\"colour\"", e.Message);
    }

    [Fact]
    public void Parse_UnknownType_ListsTheKnownOnes()
    {
        var e = Assert.Throws<DoppelException>(() => MetadataJson.Parse("""{"format":"doppel-metadata","version":1,"tables":[{"name":"t","columns":[{"name":"a","type":"numeric"}]}]}"""));
        Assert.Contains("numerical", e.Message);
    }

    [Fact]
    public void Parse_NewerVersion_IsRejected()
    {
        var e = Assert.Throws<DoppelException>(() => MetadataJson.Parse("""{"format":"doppel-metadata","version":99,"tables":[]}"""));
        Assert.Contains("newer", e.Message);
    }

    [Fact]
    public void Parse_InvalidJson_IsMetadataError()
    {
        var e = Assert.Throws<DoppelException>(() => MetadataJson.Parse("{ not json"));
        Assert.Equal(ErrorKind.Metadata, e.Kind);
    }

    [Fact]
    public void Parse_SdvSingleTableMetadata()
    {
        const string sdv = """
        {
          "METADATA_SPEC_VERSION": "SINGLE_TABLE_V1",
          "primary_key": "guest_email",
          "columns": {
            "guest_email": { "sdtype": "email", "pii": true },
            "age": { "sdtype": "numerical", "computer_representation": "Int64" },
            "room_rate": { "sdtype": "numerical", "computer_representation": "Float" },
            "checkin_date": { "sdtype": "datetime", "datetime_format": "%d %b %Y" },
            "room_type": { "sdtype": "categorical" },
            "has_rewards": { "sdtype": "boolean" },
            "born": { "sdtype": "date_of_birth", "pii": true, "datetime_format": "%Y-%m-%d" }
          }
        }
        """;
        var table = MetadataJson.Parse(sdv).SingleTable;
        Assert.Equal("guest_email", table.PrimaryKey);
        Assert.Equal(PiiKind.Email, table.Find("guest_email")!.Pii);
        Assert.True(table.Find("age")!.Integer);
        Assert.False(table.Find("room_rate")!.Integer);
        Assert.Equal("dd MMM yyyy", table.Find("checkin_date")!.Format);
        Assert.Equal(SemanticType.Boolean, table.Find("has_rewards")!.Type);
        Assert.Equal(PiiKind.BirthDate, table.Find("born")!.Pii);
        Assert.Equal("yyyy-MM-dd", table.Find("born")!.Format);
    }

    [Fact]
    public void Parse_RelationshipToUnknownColumn_IsRejected()
    {
        const string json = """
        {"format":"doppel-metadata","version":1,
         "tables":[{"name":"a","primaryKey":"id","columns":[{"name":"id","type":"id"}]},{"name":"b","columns":[{"name":"a_id","type":"id"}]}],
         "relationships":[{"parentTable":"a","parentKey":"id","childTable":"b","childKey":"missing"}]}
        """;
        var e = Assert.Throws<DoppelException>(() => MetadataJson.Parse(json));
        Assert.Contains("'missing'", e.Message);
        Assert.Equal(2, MetadataJson.Parse(json.Replace("\"missing\"", "\"a_id\"", StringComparison.Ordinal)).Tables.Count);
    }

    [Fact]
    public void Domain_WriteThenParse_RoundTrips()
    {
        var born = new DateTime(1990, 5, 17, 8, 30, 0).Ticks;
        var meta = new TableMetadata("t",
        [
            new ColumnMetadata("sex", SemanticType.Categorical) { Categories = ["F", "M"], Nullable = false },
            new ColumnMetadata("age", SemanticType.Numerical) { Integer = true, Decimals = 0, Min = 17, Max = 90, Nullable = true },
            new ColumnMetadata("born", SemanticType.Datetime) { Format = "yyyy-MM-dd", Min = born, Max = born + TimeSpan.TicksPerDay, Nullable = false },
        ]);
        string json = MetadataJson.Write(DatasetMetadata.Single(meta));
        Assert.Contains("\"min\": \"1990-05-17T08:30:00\"", json);
        var parsed = MetadataJson.Parse(json).SingleTable;
        Assert.Equal(["F", "M"], parsed.Columns[0].Categories);
        Assert.Equal((17.0, 90.0, true), (parsed.Columns[1].Min!.Value, parsed.Columns[1].Max!.Value, parsed.Columns[1].Nullable!.Value));
        Assert.Equal(born, parsed.Columns[2].Min);
        Assert.True(parsed.Columns.All(c => c.HasDomain));
    }

    [Theory]
    [InlineData("""{"name":"a","type":"numerical","min":5,"max":1}""", "greater")]
    [InlineData("""{"name":"a","type":"numerical","categories":["x"]}""", "categorical")]
    [InlineData("""{"name":"a","type":"categorical","min":1}""", "numerical")]
    [InlineData("""{"name":"a","type":"categorical","categories":["x","x"]}""", "twice")]
    [InlineData("""{"name":"a","type":"categorical","categories":[]}""", "empty")]
    [InlineData("""{"name":"a","type":"datetime","min":"not a date"}""", "not a date")]
    [InlineData("""{"name":"a","type":"numerical","max":"big"}""", "finite number")]
    public void Domain_Invalid_IsAClearMetadataError(string column, string expected)
    {
        var e = Assert.Throws<DoppelException>(() => MetadataJson.Parse($$"""{"format":"doppel-metadata","version":1,"tables":[{"name":"t","columns":[{{column}}]}]}"""));
        Assert.Equal(ErrorKind.Metadata, e.Kind);
        Assert.Contains(expected, e.Message);
    }
}
