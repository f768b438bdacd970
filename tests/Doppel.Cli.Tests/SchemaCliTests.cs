using System.Text.Json;

namespace Doppel.Cli.Tests;

public class SchemaCliTests
{
    private const string Spec = """
        doppel: schema/1
        seed: 9
        tables:
          customers:
            rows: 500
            key: id
            columns:
              id:    { type: integer, sequence: {} }
              email: { type: string, faker: email, unique: true }
          orders:
            key: id
            columns:
              id:          { type: integer, identity: true }
              customer_id: { type: integer }
              amount:      { type: decimal, uniform: { min: 1, max: 100 }, decimals: 2 }
            foreign_keys:
              - { columns: customer_id, references: customers, fanout: { min: 1, max: 3 } }
        """;

    [Fact]
    public void GenerateSchema_WritesEveryTableAndAManifest()
    {
        var cli = new CliRunner();
        string spec = cli.Write("spec.yaml", Spec);
        var (code, _, error, _) = cli.Run("generate", "--schema", spec, "-o", cli.PathOf("db"));
        Assert.True(code == 0, error);
        Assert.Equal(501, File.ReadAllLines(Path.Combine(cli.PathOf("db"), "customers.csv")).Length);
        int orders = File.ReadAllLines(Path.Combine(cli.PathOf("db"), "orders.csv")).Length - 1;
        Assert.InRange(orders, 500, 1500);
        using var manifest = JsonDocument.Parse(File.ReadAllText(cli.PathOf("db.manifest.json")));
        Assert.Equal("schema", manifest.RootElement.GetProperty("mode").GetString());
        Assert.Equal(9UL, manifest.RootElement.GetProperty("seed").GetUInt64());
        Assert.Equal(2, manifest.RootElement.GetProperty("tables").GetArrayLength());
        // The same spec and seed give the same bytes.
        Assert.Equal(0, cli.Run("generate", "--schema", spec, "-o", cli.PathOf("db2")).Code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(cli.PathOf("db"), "orders.csv")), File.ReadAllBytes(Path.Combine(cli.PathOf("db2"), "orders.csv")));
    }

    [Fact]
    public void GenerateSchema_AContradictionExits7AndWritesNothing()
    {
        var cli = new CliRunner();
        string spec = cli.Write("spec.yaml", Spec.Replace("min: 1, max: 3", "min: 4, max: 6", StringComparison.Ordinal).Replace("    key: id\n    columns:\n      id:          { type: integer, identity: true }", "    rows: 100\n    key: id\n    columns:\n      id:          { type: integer, identity: true }", StringComparison.Ordinal));
        var (code, _, error, _) = cli.Run("generate", "--schema", spec, "-o", cli.PathOf("db"));
        Assert.Equal(7, code);
        Assert.Contains("at least 4 children for each of the 500 rows of 'customers' is 2,000 rows, but 'orders' has 100 rows", error);
        Assert.False(Directory.Exists(cli.PathOf("db")));
        Assert.Single(Directory.GetFileSystemEntries(cli.Folder)); // no temporary folder left behind
    }

    [Fact]
    public void GenerateSchema_MalformedYamlExits4WithLineAndColumn()
    {
        var cli = new CliRunner();
        string spec = cli.Write("bad.yaml", "doppel: schema/1\ntables:\n  t: { rows: 5, columns: [\n");
        var (code, _, error, _) = cli.Run("generate", "--schema", spec, "-o", cli.PathOf("db"));
        Assert.Equal(4, code);
        Assert.Matches(@"not valid YAML at line \d+, column \d+", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void GenerateSchema_IntoSqlite_DeclaresKeysAndForeignKeys()
    {
        var cli = new CliRunner();
        string spec = cli.Write("spec.yaml", Spec), target = cli.PathOf("shop.sqlite");
        var (code, _, error, _) = cli.Run("generate", "--schema", spec, "-o", target);
        Assert.True(code == 0, error);
        // Read back through the SQLite source: the file declares the spec's keys (its foreign keys were checked at commit).
        var (inspected, json, inspectError, _) = cli.Run("inspect", target);
        Assert.True(inspected == 0, inspectError);
        var metadata = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        Assert.Contains(metadata["relationships"]!.AsArray(), r => (string?)r!["childTable"] == "orders" && (string?)r["parentTable"] == "customers");
        Assert.Equal(2, cli.Run("generate", "-o", cli.PathOf("x.csv")).Code); // neither DATA nor --schema
    }

    [Fact]
    public void GenerateSchema_IntoAnUnreachablePostgres_IsAnIoErrorWithoutThePassword()
    {
        var cli = new CliRunner();
        string spec = cli.Write("spec.yaml", Spec);
        var (code, _, error, _) = cli.Run("generate", "--schema", spec, "-o", "postgresql://me:secret@127.0.0.1:1/shop?schema=synthetic");
        Assert.Equal(6, code);
        Assert.DoesNotContain("secret", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Spec_FromDdl_WritesAStartingSpecWithGuessesMarked()
    {
        var cli = new CliRunner();
        string ddl = cli.Write("schema.sql", """
            CREATE TABLE users (id integer NOT NULL, email varchar(80), city varchar(30));
            ALTER TABLE ONLY users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
            CREATE TABLE visits (user_id integer NOT NULL REFERENCES users(id), at timestamp);
            INSERT INTO users VALUES (1, 'a@b.c', 'Paris');
            """);
        var (code, _, error, _) = cli.Run("spec", "--from-ddl", ddl, "-o", cli.PathOf("spec.yaml"), "--rows", "50");
        Assert.True(code == 0, error);
        string yaml = File.ReadAllText(cli.PathOf("spec.yaml"));
        Assert.Contains("email: { type: string, faker: email, length: 80", yaml);
        Assert.Contains("# guessed: name says city", yaml);
        Assert.Contains("# note: 1 INSERT statement(s) skipped.", yaml);
        Assert.Equal(0, cli.Run("generate", "--schema", cli.PathOf("spec.yaml"), "-o", cli.PathOf("db"), "--seed", "1").Code);
        Assert.Equal(51, File.ReadAllLines(Path.Combine(cli.PathOf("db"), "users.csv")).Length);
    }

    [Fact]
    public void Spec_FromDdl_GuessesMeetTheDeclarations_AndWarnsWhatGenerateWouldRefuse()
    {
        var cli = new CliRunner();
        string ddl = cli.Write("schema.sql", """
            CREATE TABLE items (id integer PRIMARY KEY, email varchar(40) UNIQUE, qty integer CHECK (qty >= 0 AND qty <= 10),
                                code varchar(8) NOT NULL CHECK (upper(code) = code));
            """);
        var (code, _, error, _) = cli.Run("spec", "--from-ddl", ddl, "-o", cli.PathOf("spec.yaml"), "--rows", "300");
        Assert.True(code == 0, error);
        string yaml = File.ReadAllText(cli.PathOf("spec.yaml"));
        Assert.Contains("qty: { type: integer, uniform: { min: 0, max: 10 }", yaml);   // inside its CHECK, not Poisson(20) cut at 10
        Assert.Contains("- \"upper(code) = code\"", yaml);                           // SQL's upper() is in the constraint language
        Assert.Contains("# guessed: its CHECK keeps it upper case", yaml);               // and the guess meets it
        Assert.DoesNotContain("would refuse", error);
        var generated = cli.Run("generate", "--schema", cli.PathOf("spec.yaml"), "-o", cli.PathOf("db"), "--seed", "1");
        Assert.True(generated.Code == 0, generated.Error);
        var rows = File.ReadAllLines(Path.Combine(cli.PathOf("db"), "items.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(300, rows.Select(r => r[1]).Distinct().Count());                  // unique e-mails of at most 40 characters
        Assert.All(rows, r => Assert.True(r[1].Length <= 40 && r[1].Contains('@'), r[1]));
        Assert.True(rows.Select(r => r[2]).Distinct().Count() >= 10);                  // spread over 0..10, not piled at the bound
        Assert.All(rows, r => Assert.Equal(r[3].ToUpperInvariant(), r[3]));

        // A spec generate cannot meet is still written for review, with the reason.
        File.WriteAllText(cli.PathOf("hand.sql"), "CREATE TABLE t (id integer PRIMARY KEY, flag varchar(1) UNIQUE);");
        var refused = cli.Run("spec", "--from-ddl", cli.PathOf("hand.sql"), "-o", cli.PathOf("hand.yaml"), "--rows", "100");
        Assert.Equal(0, refused.Code);
        Assert.Contains("would refuse this spec as written", refused.Error);
        Assert.True(File.Exists(cli.PathOf("hand.yaml")));
    }

    [Fact]
    public void Spec_FromDdl_UniqueWithAForeignKey_IsGeneratedPerParent()
    {
        var cli = new CliRunner();
        string ddl = cli.Write("pets.sql", """
            CREATE TABLE owners (id integer PRIMARY KEY, name varchar(40));
            CREATE TABLE pets (id integer PRIMARY KEY, owner_id integer NOT NULL REFERENCES owners(id), name varchar(30) NOT NULL, UNIQUE (owner_id, name));
            """);
        var (code, _, error, _) = cli.Run("spec", "--from-ddl", ddl, "-o", cli.PathOf("spec.yaml"), "--rows", "100");
        Assert.True(code == 0, error);
        Assert.DoesNotContain("would refuse", error);
        var generated = cli.Run("generate", "--schema", cli.PathOf("spec.yaml"), "-o", cli.PathOf("db"), "--seed", "4");
        Assert.True(generated.Code == 0, generated.Error);
        var pairs = File.ReadAllLines(Path.Combine(cli.PathOf("db"), "pets.csv")).Skip(1).Select(l => string.Join(',', l.Split(',')[1..3])).ToList();
        Assert.True(pairs.Count > 100, $"{pairs.Count} pets");        // 0 to 5 per owner
        Assert.Equal(pairs.Count, pairs.Distinct().Count());          // no owner has two pets of one name
    }

    [Fact]
    public void Spec_FromData_WholeNumberIdsAreNumbered()
    {
        var cli = new CliRunner();
        string csv = cli.Write("people.csv", "id,city\n" + string.Concat(Enumerable.Range(1, 300).Select(i => $"{i},{(i % 3 == 0 ? "Oslo" : "Lima")}\n")));
        var (code, _, error, _) = cli.Run("spec", "--from-data", csv, "-o", cli.PathOf("spec.yaml"));
        Assert.True(code == 0, error);
        var generated = cli.Run("generate", "--schema", cli.PathOf("spec.yaml"), "-o", cli.PathOf("db"), "--seed", "1");
        Assert.True(generated.Code == 0, generated.Error);
        var ids = File.ReadAllLines(Directory.GetFiles(cli.PathOf("db"), "*.csv").Single()).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(300, ids.Distinct().Count());
        Assert.DoesNotContain(ids, id => id.StartsWith('0'));
    }

    [Fact]
    public void Spec_FromMetadata_DeclaredTypesOnly_GeneratesBack()
    {
        var cli = new CliRunner();
        // Without a declared domain: types only, categoricals as placeholders.
        Assert.Equal(0, cli.Run("inspect", CliRunner.Sample, "-o", cli.PathOf("types.json")).Code);
        Assert.Equal(0, cli.Run("spec", "--from-metadata", cli.PathOf("types.json"), "-o", cli.PathOf("types.yaml")).Code);
        Assert.Contains("sex: { type: string, categories: [sex_1, sex_2", File.ReadAllText(cli.PathOf("types.yaml")));

        var inspected = cli.Run("inspect", CliRunner.Sample, "--domain", "-o", cli.PathOf("meta.json"));
        Assert.True(inspected.Code == 0, inspected.Error);
        var (code, _, error, _) = cli.Run("spec", "--from-metadata", cli.PathOf("meta.json"), "-o", cli.PathOf("spec.yaml"), "--rows", "200");
        Assert.True(code == 0, error);
        Assert.DoesNotContain("would refuse", error);
        string yaml = File.ReadAllText(cli.PathOf("spec.yaml"));
        // Types, declared categories and bounds, no shares or shapes: the metadata has none.
        Assert.Contains("# guessed: declared categories, no shares: even", yaml);
        Assert.Contains("# guessed: declared bounds, no shape: uniform", yaml);
        Assert.DoesNotContain("histogram", yaml);
        var generated = cli.Run("generate", "--schema", cli.PathOf("spec.yaml"), "-o", cli.PathOf("db"), "--seed", "2");
        Assert.True(generated.Code == 0, generated.Error);
        string[] lines = File.ReadAllLines(Directory.GetFiles(cli.PathOf("db"), "*.csv").Single());
        Assert.Equal(201, lines.Length);
        Assert.Equal(File.ReadLines(CliRunner.Sample).First(), lines[0]); // the same columns in the same order
    }

    [Fact]
    public void Spec_FromDb_UnreachableDatabase_ClearErrorAndNoFile()
    {
        var cli = new CliRunner();
        var (code, _, error, _) = cli.Run("spec", "--from-db", "postgresql://127.0.0.1:1/x", "-o", cli.PathOf("spec.yaml"));
        Assert.Equal(6, code);
        Assert.Contains("Cannot reach PostgreSQL at postgresql://127.0.0.1:1/x", error);
        Assert.False(File.Exists(cli.PathOf("spec.yaml")));
    }

    [Fact]
    public void Spec_FromData_WritesOnlyAggregates()
    {
        var cli = new CliRunner();
        var (code, _, error, _) = cli.Run("spec", "--from-data", CliRunner.Sample, "-o", cli.PathOf("adult.yaml"));
        Assert.True(code == 0, error);
        string yaml = File.ReadAllText(cli.PathOf("adult.yaml"));
        Assert.Contains("histogram: { bins: [[", yaml);
        Assert.Contains("categories: {", yaml);
        Assert.Equal(0, cli.Run("generate", "--schema", cli.PathOf("adult.yaml"), "-o", cli.PathOf("db"), "--seed", "2").Code);
    }
}
