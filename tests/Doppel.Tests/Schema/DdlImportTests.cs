using Doppel.Data;
using Doppel.Schema.Generation;
using Doppel.Schema.Import;
using Doppel.Schema.Spec;
using static Doppel.Tests.Schema.SchemaTestSupport;

namespace Doppel.Tests.Schema;

public class DdlImportTests
{
    private const string Ddl = """
        SET client_encoding = 'UTF8';
        CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');
        CREATE TABLE public.people (
            id integer NOT NULL DEFAULT nextval('people_id_seq'::regclass),
            email character varying(80) NOT NULL,
            first_name varchar(20),
            mood public.mood,
            salary numeric(10,2) CHECK (salary >= 0),
            status text CHECK ((status = ANY (ARRAY['active'::text, 'gone'::text]))),
            rating smallint,
            CONSTRAINT people_rating_check CHECK (rating BETWEEN 1 AND 5)
        );
        CREATE TABLE pets (
            pet_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            owner integer NOT NULL REFERENCES people(id),
            born date
        );
        COPY people (id, email) FROM stdin;
        1	a@b.c
        \.
        ALTER TABLE ONLY public.people ADD CONSTRAINT people_pkey PRIMARY KEY (id);
        ALTER TABLE ONLY people ADD CONSTRAINT people_email_key UNIQUE (email);
        CREATE INDEX people_mood ON people (mood);
        """;

    [Fact]
    public void Parse_ReadsTypesKeysChecksEnumsAndSkipsData()
    {
        var spec = PostgresDdl.Parse(Ddl, 50);
        var people = spec.Find("people")!;
        Assert.Equal(["id"], people.Key);
        Assert.Equal("sequence", people.Find("id")!.Generator!.Kind);
        Assert.Equal("faker", people.Find("email")!.Generator!.Kind);
        Assert.Equal("email", people.Find("email")!.Generator!.Parameters.Scalar);
        Assert.True(people.Find("email")!.Unique);
        Assert.Equal(80, people.Find("email")!.Length);
        Assert.Equal("first_name", people.Find("first_name")!.Generator!.Parameters.Scalar);
        Assert.Equal(["sad", "ok", "happy"], people.Find("mood")!.Generator!.Parameters.Items!.Select(i => i.Scalar));
        Assert.Equal(["active", "gone"], people.Find("status")!.Generator!.Parameters.Items!.Select(i => i.Scalar));
        var salary = people.Find("salary")!;
        Assert.Equal((SpecType.Decimal, 2, 0.0), (salary.Type, salary.Decimals!.Value, salary.Min!.Value));
        Assert.Equal(99_999_999.99, salary.Max!.Value, 6);
        Assert.Equal((1.0, 5.0), (people.Find("rating")!.Min!.Value, people.Find("rating")!.Max!.Value));
        Assert.NotNull(people.Find("email")!.Guessed);
        var pets = spec.Find("pets")!;
        Assert.Equal(["pet_id"], pets.Key);
        Assert.Equal("people", Assert.Single(pets.ForeignKeys).References);
        Assert.Contains(spec.Notes, n => n.Contains("1 COPY data block(s) skipped"));
        Assert.Contains(spec.Notes, n => n.Contains("CREATE INDEX"));
        // A starting spec is written with its guesses marked, and reads back.
        string yaml = SpecWriter.Write(spec);
        Assert.Contains("# guessed: name says e-mail", yaml);
        var back = SpecYaml.Parse(yaml);
        Assert.Equal(spec.Tables.Select(t => (t.Name, t.Columns.Count)), back.Tables.Select(t => (t.Name, t.Columns.Count)));
        var generated = SchemaGenerator.GenerateTable(back, "people", 1);
        Assert.Equal(50, generated.RowCount);
        Assert.All(Numbers(generated, "rating"), r => Assert.InRange(r, 1, 5));
    }

    [SkippableFact]
    public void Northwind_FromItsDdlAlone_GeneratesWithEveryKeyAndForeignKeyHolding()
    {
        var spec = PostgresDdl.Load(SharedDatasets.File("northwind/northwind.sql"), 300);
        Assert.Equal(14, spec.Tables.Count);
        Assert.Equal(13, spec.Tables.Sum(t => t.ForeignKeys.Count));
        Assert.Equal(["order_id", "product_id"], spec.Find("order_details")!.Key);
        Assert.Contains(spec.Notes, n => n.Contains("INSERT statement(s) skipped"));
        spec = SpecYaml.Parse(SpecWriter.Write(spec));
        string folder = GenerateFolder(spec, 42);
        try
        {
            var metadata = SchemaGenerator.Validate(spec, 42);
            var tables = metadata.Tables.ToDictionary(t => t.Name, t => Doppel.IO.TableFiles.Load(Path.Combine(folder, t.Name + ".csv"), t).Table);
            foreach (var table in metadata.Tables)
            {
                var data = tables[table.Name];
                var keys = Enumerable.Range(0, data.RowCount).Select(r => string.Join("|", table.Key.Select(k => Cell(data[k], r)))).ToList();
                Assert.Equal(keys.Count, keys.Distinct().Count());
                var declared = spec.Find(table.Name)!;
                foreach (var column in declared.Columns)
                {
                    if (column.Nulls == 0 && (column.Sql is null || table.Key.Contains(column.Name))) Assert.All(Cells(data, column.Name), v => Assert.True(v is not null, $"{table.Name}.{column.Name} has a null"));
                    if (column.Length is { } n) Assert.All(Cells(data, column.Name), v => Assert.True(v is null || v.Length <= n, $"{table.Name}.{column.Name}: '{v}' longer than {n}"));
                }
            }
            foreach (var fk in metadata.Relationships)
            {
                var parent = tables[fk.ParentTable];
                var child = tables[fk.ChildTable];
                var parentKeys = Enumerable.Range(0, parent.RowCount).Select(r => Cell(parent[fk.ParentKey], r)).ToHashSet();
                Assert.All(Cells(child, fk.ChildKey), v => Assert.True(v is null || parentKeys.Contains(v), $"{fk.Describe()}: {v} has no parent"));
            }
            Assert.Equal(300, tables["orders"].RowCount);
        }
        finally { Directory.Delete(folder, true); }
    }
}
