using System.Text.Json.Nodes;

namespace Doppel.Cli.Tests;

/// <summary>
/// <c>doppel subset</c> on a small chinook-like database (minichinook: a self-reference Employee.ReportsTo, a
/// composite key PlaylistTrack with a composite foreign key from PlaylistTrackNote, a PII join key
/// Customer.AccountEmail -> Account.Email). Every test checks the output's referential integrity itself.
/// </summary>
public class SubsetCliTests
{
    private static string Db => Path.Combine(AppContext.BaseDirectory, "minichinook");

    private static string Metadata => Path.Combine(AppContext.BaseDirectory, "minichinook.metadata.json");

    private static (int Code, string Out, string Error, byte[] Stdout) Subset(CliRunner cli, string output, params string[] args) =>
        cli.Run(["subset", Db, "--metadata", Metadata, "-o", cli.PathOf(output), .. args]);

    [Fact]
    public void Where_KeepsTheMatchingRoots_AllTheirDescendants_AndEveryParent()
    {
        var cli = new CliRunner();
        var run = Subset(cli, "out", "--root", "Customer", "--where", "Country = 'Brazil'");
        Assert.Equal(0, run.Code);
        var real = Read(Db);
        var subset = Read(cli.PathOf("out"));
        AssertIntact(subset);
        var brazil = real["Customer"].Where(r => r["Country"] == "Brazil").Select(r => r["CustomerId"]).ToHashSet();
        Assert.NotEmpty(brazil);
        Assert.Equal(brazil.Order(), subset["Customer"].Select(r => r["CustomerId"]).Order());
        // Every invoice of a kept customer, and every line of those invoices.
        Assert.Equal(real["Invoice"].Where(r => brazil.Contains(r["CustomerId"])).Select(r => r["InvoiceId"]).Order(), subset["Invoice"].Select(r => r["InvoiceId"]).Order());
        var invoices = subset["Invoice"].Select(r => r["InvoiceId"]).ToHashSet();
        Assert.Equal(real["InvoiceLine"].Count(r => invoices.Contains(r["InvoiceId"])), subset["InvoiceLine"].Count);
        // Rows are copied as they are, with the input's file names.
        Assert.Equal(Directory.GetFiles(Db).Select(Path.GetFileName).Order(), Directory.GetFiles(cli.PathOf("out")).Select(Path.GetFileName).Order());
        var line = File.ReadAllLines(Path.Combine(Db, "Customer.csv")).First(l => l.Contains(",Brazil,", StringComparison.Ordinal));
        Assert.Contains(line, File.ReadAllLines(cli.PathOf("out/Customer.csv")));
        var manifest = JsonNode.Parse(File.ReadAllText(cli.PathOf("out.manifest.json")))!;
        Assert.Equal("Customer --where Country = 'Brazil'", manifest["subset"]!.GetValue<string>());
        Assert.Null(manifest["scale"]); // a subset is not scaled synthetic data
        Assert.StartsWith("doppel ", manifest["engine"]!.GetValue<string>(), StringComparison.Ordinal); // spelled as every other manifest
        foreach (var table in manifest["tables"]!.AsArray())
        {
            string file = cli.PathOf(Path.Combine("out", table!["target"]!.GetValue<string>()));
            Assert.Equal(File.ReadAllLines(file).Length - 1, table["rows"]!.GetValue<long>());
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))), table["sha256"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Rows_IsExact_AndTheSameSeedGivesTheSameBytes()
    {
        var cli = new CliRunner();
        Assert.Equal(0, Subset(cli, "a", "--root", "Customer", "--rows", "7", "--seed", "3").Code);
        Assert.Equal(0, Subset(cli, "b", "--root", "Customer", "--rows", "7", "--seed", "3").Code);
        Assert.Equal(0, Subset(cli, "c", "--root", "Customer", "--rows", "7", "--seed", "4").Code);
        var a = Read(cli.PathOf("a"));
        AssertIntact(a);
        Assert.Equal(7, a["Customer"].Count);
        foreach (string file in Directory.GetFiles(cli.PathOf("a")))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(cli.PathOf("b"), Path.GetFileName(file))));
        Assert.NotEqual(File.ReadAllBytes(cli.PathOf("a/Customer.csv")), File.ReadAllBytes(cli.PathOf("c/Customer.csv")));
        Assert.Equal(0, Subset(cli, "d", "--root", "Customer", "--fraction", "0.25", "--seed", "3").Code);
        Assert.Equal(5, Read(cli.PathOf("d"))["Customer"].Count); // 0.25 of 20
    }

    [Fact]
    public void SelfReference_KeepsTheSubordinatesBelow_AndTheManagersAbove()
    {
        var cli = new CliRunner();
        Assert.Equal(0, Subset(cli, "out", "--root", "Employee", "--where", "EmployeeId = '2'").Code);
        var subset = Read(cli.PathOf("out"));
        AssertIntact(subset);
        // 2's chain of subordinates (3, then 4) and its manager 1; not 5 or 6, who only share the manager.
        Assert.Equal(["1", "2", "3", "4"], subset["Employee"].Select(r => r["EmployeeId"]).Order());
        // Customers served by a kept subordinate descend from the root too.
        var real = Read(Db);
        Assert.Equal(real["Customer"].Count(r => r["SupportRepId"] is "2" or "3" or "4"), subset["Customer"].Count);
    }

    [Fact]
    public void CompositeKeys_AreFollowedAsTuples()
    {
        var cli = new CliRunner();
        Assert.Equal(0, Subset(cli, "out", "--root", "Playlist", "--where", "PlaylistId = '1'").Code);
        var subset = Read(cli.PathOf("out"));
        AssertIntact(subset);
        var real = Read(Db);
        Assert.Equal(real["PlaylistTrack"].Count(r => r["PlaylistId"] == "1"), subset["PlaylistTrack"].Count);
        int notes = real["PlaylistTrackNote"].Count(r => r["PlaylistId"] == "1");
        Assert.True(notes > 0);
        Assert.Equal(notes, subset["PlaylistTrackNote"].Count);
    }

    [Fact]
    public void Pseudonymized_ReplacesTheEmails_AndTheJoinOnThemSurvives()
    {
        var cli = new CliRunner();
        File.WriteAllText(cli.PathOf("key"), "0123456789abcdef0123456789abcdef\n");
        Assert.Equal(0, Subset(cli, "a", "--root", "Customer", "--rows", "8", "--seed", "1", "--pseudonymize", "--key-file", cli.PathOf("key")).Code);
        Assert.Equal(0, Subset(cli, "b", "--root", "Customer", "--rows", "8", "--seed", "1", "--pseudonymize", "--key-file", cli.PathOf("key")).Code);
        var real = Read(Db);
        var subset = Read(cli.PathOf("a"));
        AssertIntact(subset); // Customer.AccountEmail -> Account.Email holds on the fakes
        var realEmails = real["Account"].Select(r => r["Email"]).ToHashSet();
        Assert.All(subset["Account"], r => Assert.DoesNotContain(r["Email"], realEmails));
        Assert.Equal(8, subset["Customer"].Count(c => subset["Account"].Any(a => a["Email"] == c["AccountEmail"])));
        // Same key, same pseudonyms.
        Assert.Equal(File.ReadAllBytes(cli.PathOf("a/Account.csv")), File.ReadAllBytes(cli.PathOf("b/Account.csv")));
        var manifest = JsonNode.Parse(File.ReadAllText(cli.PathOf("a.manifest.json")))!;
        Assert.Contains("Customer.AccountEmail", manifest["pseudonymizedColumns"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.DoesNotContain("0123456789abcdef", File.ReadAllText(cli.PathOf("a.manifest.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "'Nope', which the database does not have. Tables: ", "--root", "Nope", "--rows", "3")]
    [InlineData(2, "--where: unexpected '='", "--root", "Customer", "--where", "Country ===")]
    [InlineData(2, "exactly one of --fraction F, --rows N or --where EXPR", "--root", "Customer", "--rows", "3", "--fraction", "0.5")]
    [InlineData(2, "--rows 99 is not between 0 and the 20 rows", "--root", "Customer", "--rows", "99")]
    public void BadInput_IsAClearMessage_AndNothingIsWritten(int code, string message, params string[] args)
    {
        var cli = new CliRunner();
        var run = Subset(cli, "out", args);
        Assert.Equal(code, run.Code);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(cli.Folder));
    }

    [Fact]
    public void ExistingOutput_NeedsForce()
    {
        var cli = new CliRunner();
        Directory.CreateDirectory(cli.PathOf("out"));
        var run = Subset(cli, "out", "--root", "Customer", "--rows", "3", "--seed", "1");
        Assert.Equal(6, run.Code);
        Assert.Contains("already exists. Pass --force", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(cli.PathOf("out")));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(cli.Folder).Select(Path.GetFileName));
        Assert.Equal(0, Subset(cli, "out", "--root", "Customer", "--rows", "3", "--seed", "1", "--force").Code);
        Assert.Equal(3, Read(cli.PathOf("out"))["Customer"].Count);
    }

    /// <summary>Every table of the folder as rows of column → text (the test data has no quoted fields).</summary>
    private static Dictionary<string, List<Dictionary<string, string>>> Read(string folder)
    {
        var result = new Dictionary<string, List<Dictionary<string, string>>>(StringComparer.Ordinal);
        foreach (string file in Directory.GetFiles(folder, "*.csv"))
        {
            var lines = File.ReadAllLines(file);
            var header = lines[0].Split(',');
            result[Path.GetFileNameWithoutExtension(file)] = [.. lines.Skip(1).Select(l => l.Split(',')).Select(f => header.Select((h, i) => (h, f[i])).ToDictionary(p => p.h, p => p.Item2))];
        }
        return result;
    }

    /// <summary>Every non-null foreign key of every relationship of the metadata finds its parent row in the subset.</summary>
    private static void AssertIntact(Dictionary<string, List<Dictionary<string, string>>> db)
    {
        var relationships = JsonNode.Parse(File.ReadAllText(Metadata))!["relationships"]!.AsArray();
        Assert.Equal(11, relationships.Count);
        foreach (var rel in relationships)
        {
            string[] Columns(string many, string one) => rel![many] is JsonArray a ? [.. a.Select(n => n!.GetValue<string>())] : [rel[one]!.GetValue<string>()];
            var parentColumns = Columns("parentColumns", "parentKey");
            var childColumns = Columns("childColumns", "childKey");
            string parent = rel!["parentTable"]!.GetValue<string>(), child = rel["childTable"]!.GetValue<string>();
            var keys = db[parent].Select(r => string.Join('|', parentColumns.Select(c => r[c]))).ToHashSet();
            foreach (var row in db[child])
            {
                if (childColumns.Any(c => row[c].Length == 0)) continue;
                string key = string.Join('|', childColumns.Select(c => row[c]));
                Assert.True(keys.Contains(key), $"{child}({string.Join(", ", childColumns)}) = {key} has no parent row in {parent}.");
            }
        }
    }
}
