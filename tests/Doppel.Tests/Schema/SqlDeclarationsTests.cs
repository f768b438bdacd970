using Doppel.Schema.Generation;
using Doppel.Schema.Import;

namespace Doppel.Tests.Schema;

/// <summary>The DDL's SQL reaches the generated metadata, so a database sink recreates it after the data.</summary>
public class SqlDeclarationsTests
{
    private const string Ddl = """
        CREATE TABLE people (
            id integer NOT NULL DEFAULT nextval('people_id_seq'::regclass),
            email varchar(80) NOT NULL UNIQUE,
            salary numeric(10,2) CHECK (salary >= 0),
            rating int2,
            CONSTRAINT people_rating_check CHECK (rating BETWEEN 1 AND 5)
        );
        CREATE TABLE pets (
            pet_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            owner integer NOT NULL REFERENCES people(id),
            born timestamp
        );
        ALTER TABLE people ADD CONSTRAINT pk_people PRIMARY KEY (id);
        """;

    [Fact]
    public void FromDdl_MetadataCarriesTypesNotNullIdentityUniqueAndChecks()
    {
        var metadata = SchemaGenerator.Validate(PostgresDdl.Parse(Ddl, 100), 1);
        var sql = Assert.IsType<Doppel.Metadata.SqlSchema>(metadata.Sql);
        var people = sql.Find("people")!;
        Assert.Equal("character varying(80)", people.Find("email")!.Type);
        Assert.True(people.Find("email")!.NotNull);
        Assert.False(people.Find("salary")!.NotNull);
        Assert.Equal("smallint", people.Find("rating")!.Type);
        Assert.Equal("serial", people.Find("id")!.Identity);
        Assert.Null(people.Find("id")!.Default); // the source's sequence is not the target's
        Assert.Contains(people.Uniques, u => u.Columns.SequenceEqual(["email"]));
        Assert.Contains(people.Checks, c => c.Name == "people_rating_check" && c.Expression.Contains("BETWEEN", StringComparison.Ordinal) && c.Columns.SequenceEqual(["rating"]));
        Assert.Contains(people.Checks, c => c.Expression.Contains("salary >= 0", StringComparison.Ordinal));
        var pets = sql.Find("pets")!;
        Assert.Equal("by default", pets.Find("pet_id")!.Identity);
        Assert.Equal("timestamp without time zone", pets.Find("born")!.Type);
    }
}
