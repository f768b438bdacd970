using static Doppel.Tests.Schema.SchemaTestSupport;

namespace Doppel.Tests.Schema;

public class SchemaValidationTests
{
    private static string Spec(string tables) => "doppel: schema/1\ntables:\n" + tables;

    private const string Parents = """
          parents:
            rows: 100
            key: id
            columns:
              id: { type: integer, sequence: { start: 1 } }

        """;

    [Fact]
    public void FanOut_MinimumTimesParentsAboveRows_IsRefusedWithTheNumbers()
    {
        var e = Refused(Spec(Parents + """
              kids:
                rows: 300
                columns:
                  parent: { type: integer }
                foreign_keys:
                  - { columns: parent, references: parents, fanout: { min: 5, max: 9 } }
            """));
        Assert.Equal(ErrorKind.Unsatisfiable, e.Kind);
        Assert.Contains("kids(parent) -> parents", e.Message);
        Assert.Contains("at least 5 children for each of the 100 rows of 'parents' is 500 rows, but 'kids' has 300", e.Message);
    }

    [Fact]
    public void FanOut_MaximumTimesParentsBelowRows_IsRefused()
    {
        var e = Refused(Spec(Parents + """
              kids:
                rows: 300
                columns:
                  parent: { type: integer }
                foreign_keys:
                  - { columns: parent, references: parents, fanout: { max: 2 } }
            """));
        Assert.Contains("at most 2 children for each of the 100 rows of 'parents' is 200 rows, but 'kids' has 300", e.Message);
    }

    [Fact]
    public void Unique_WithFewerValuesThanRows_IsRefused()
    {
        var e = Refused(Spec("""
              t:
                rows: 100
                columns:
                  code: { type: string, pattern: "[A-C]{2}", unique: true }
            """));
        Assert.Equal(ErrorKind.Unsatisfiable, e.Kind);
        Assert.Contains("'t.code' is unique, but its pattern generator has only 9 possible values for 100 rows", e.Message);
    }

    [Fact]
    public void Check_NoGeneratorCanMeet_IsRefusedNamingIt()
    {
        var e = Refused(Spec("""
              t:
                rows: 10
                columns:
                  x: { type: integer, uniform: { min: 0, max: 10 } }
                constraints: ["x > 20"]
            """));
        Assert.Equal(ErrorKind.Unsatisfiable, e.Kind);
        Assert.Contains("constraint 'x > 20'", e.Message);
        Assert.Contains("x (uniform, values 0 to 10)", e.Message);
    }

    [Fact]
    public void ForeignKeyCycle_OfNonNullableKeys_IsRefused()
    {
        var e = Refused(Spec("""
              a:
                rows: 10
                key: id
                columns:
                  id: { type: integer, sequence: {} }
                  b_id: { type: integer }
                foreign_keys: [{ columns: b_id, references: b }]
              b:
                rows: 10
                key: id
                columns:
                  id: { type: integer, sequence: {} }
                  a_id: { type: integer }
                foreign_keys: [{ columns: a_id, references: a }]
            """));
        Assert.Equal(ErrorKind.Unsatisfiable, e.Kind);
        Assert.Contains("a(b_id) -> b", e.Message);
        Assert.Contains("b(a_id) -> a", e.Message);
        Assert.Contains("cycle", e.Message);
    }

    [Fact]
    public void ForeignKeyCycle_WithANullableKey_IsBrokenThere()
    {
        var spec = Doppel.Schema.Spec.SpecYaml.Parse(Spec("""
              a:
                rows: 10
                key: id
                columns:
                  id: { type: integer, sequence: {} }
                  b_id: { type: integer, nulls: 0.2 }
                foreign_keys: [{ columns: b_id, references: b }]
              b:
                rows: 10
                key: id
                columns:
                  id: { type: integer, sequence: {} }
                  a_id: { type: integer }
                foreign_keys: [{ columns: a_id, references: a }]
            """));
        var metadata = Doppel.Schema.Generation.SchemaGenerator.Validate(spec);
        Assert.Equal(["a", "b"], metadata.Tables.Select(t => t.Name));
    }

    [Theory]
    [InlineData("x: { type: integer, nomral: { mean: 1, sd: 1 } }", "unknown key 'nomral' (did you mean 'normal'?)")]
    [InlineData("x: { type: string, faker: emial }", "unknown faker 'emial' (did you mean 'email'?)")]
    [InlineData("x: { type: integr, sequence: {} }", "type 'integr'")]
    [InlineData("x: { type: integer }", "'t.x' has no generator")]
    [InlineData("x: { type: integer, normal: { mean: 1 } }", "needs 'sd'")]
    public void UnknownOrMissingNames_AreRefusedWithTheirPlace(string column, string expected)
    {
        var e = Refused(Spec($"  t:\n    rows: 5\n    columns:\n      {column}\n"));
        Assert.Equal(ErrorKind.Metadata, e.Kind);
        Assert.Contains(expected, e.Message);
        Assert.Contains("line 6", e.Message);
    }

    [Fact]
    public void UnknownTableAndColumn_AreRefused()
    {
        var table = Refused(Spec(Parents + """
              kids:
                rows: 3
                columns:
                  parent: { type: integer }
                foreign_keys: [{ columns: parent, references: parent }]
            """));
        Assert.Contains("references table 'parent', which the spec does not declare (did you mean 'parents'?)", table.Message);
        var column = Refused(Spec("  t:\n    rows: 5\n    key: idd\n    columns:\n      id: { type: integer, sequence: {} }\n"));
        Assert.Contains("key names column 'idd'", column.Message);
    }

    [Fact]
    public void MalformedYaml_NamesLineAndColumn()
    {
        var e = Assert.Throws<DoppelException>(() => Doppel.Schema.Spec.SpecYaml.Parse("doppel: schema/1\ntables:\n  t: { rows: 5, columns: [\n", "bad.yaml"));
        Assert.Equal(ErrorKind.Metadata, e.Kind);
        Assert.Matches(@"bad\.yaml is not valid YAML at line \d+, column \d+", e.Message);
    }

    [Fact]
    public void Sequence_PastTheColumnsMax_IsRefused()
    {
        var e = Refused(Spec("  t:\n    rows: 40000\n    columns:\n      id: { type: integer, sequence: {}, max: 32767, sql: smallint }\n"));
        Assert.Contains("a sequence of 40,000 rows reaches 40,000, above the column's max 32,767 (smallint)", e.Message);
    }

    [Fact]
    public void NewerFormat_IsRefused()
    {
        var e = Assert.Throws<DoppelException>(() => Doppel.Schema.Spec.SpecYaml.Parse("doppel: schema/9\ntables: {}\n"));
        Assert.Contains("newer than this Doppel reads", e.Message);
    }
}
