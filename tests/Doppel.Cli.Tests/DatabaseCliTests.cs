using System.Text.Json.Nodes;

namespace Doppel.Cli.Tests;

public class DatabaseCliTests
{
    private static string Tiny => Path.Combine(AppContext.BaseDirectory, "tinydb");

    [Fact]
    public void InspectFitSampleEvaluate_EndToEnd()
    {
        var cli = new CliRunner();
        var inspect = cli.Run("inspect", Tiny, "-o", cli.PathOf("metadata.json"));
        Assert.Equal(0, inspect.Code);
        Assert.Contains("staff.manager_id -> staff.staff_id: a hierarchy within the table", inspect.Error, StringComparison.Ordinal);
        Assert.Contains("assignments: key (staff_id, project_id)", inspect.Error, StringComparison.Ordinal);

        Assert.Equal(0, cli.Run("fit", Tiny, "--metadata", cli.PathOf("metadata.json"), "--reference", "departments,projects", "-o", cli.PathOf("db.doppel")).Code);
        var sample = cli.Run("sample", cli.PathOf("db.doppel"), "-o", cli.PathOf("out"), "--seed", "4");
        Assert.Equal(0, sample.Code);
        Assert.Equal(["assignments.csv", "departments.csv", "projects.csv", "staff.csv"], Directory.GetFiles(cli.PathOf("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // Reference tables come back as they are.
        Assert.Equal(File.ReadAllLines(Path.Combine(Tiny, "projects.csv")), File.ReadAllLines(cli.PathOf("out/projects.csv")));
        // Same values (the writer prints 300.0 as 300, as it does for every table).
        static string[] Values(string path) => [.. File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).Select(f => $"{f[0]},{f[1]},{double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture)}")];
        Assert.Equal(Values(Path.Combine(Tiny, "departments.csv")), Values(cli.PathOf("out/departments.csv")));
        var manifest = JsonNode.Parse(File.ReadAllText(cli.PathOf("out.manifest.json")))!;
        Assert.Equal(["departments", "projects"], manifest["referenceTables"]!.AsArray().Select(n => n!.GetValue<string>()));
        var staff = manifest["tables"]!.AsArray().First(t => t!["table"]!.GetValue<string>() == "staff")!;
        Assert.Equal(File.ReadAllLines(cli.PathOf("out/staff.csv")).Length - 1, staff["rows"]!.GetValue<long>());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(cli.PathOf("out/staff.csv")))), staff["sha256"]!.GetValue<string>());
        Assert.Equal(4UL, manifest["seed"]!.GetValue<ulong>());

        var evaluate = cli.Run("evaluate", "--real", Tiny, "--synthetic", cli.PathOf("out"), "--metadata", cli.PathOf("metadata.json"), "--json", cli.PathOf("report.json"), "-o", cli.PathOf("report.html"));
        Assert.Equal(0, evaluate.Code);
        var report = JsonNode.Parse(File.ReadAllText(cli.PathOf("report.json")))!;
        Assert.Equal(1.0, report["referentialIntegrity"]!.GetValue<double>());
        Assert.Equal(1.0, report["cardinalityBoundaryAdherence"]!.GetValue<double>());
        Assert.Equal(4, report["relationships"]!.AsArray().Count);
        string page = File.ReadAllText(cli.PathOf("report.html"));
        Assert.Contains("staff(manager_id) -&gt; staff(staff_id)", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_IsByteIdenticalForAnyThreadCount_AndKeepsTheInputFileNames()
    {
        var cli = new CliRunner();
        Assert.Equal(0, cli.Run("generate", Tiny, "-o", cli.PathOf("a"), "--seed", "7", "--threads", "1", "--reference", "departments,projects").Code);
        Assert.Equal(0, cli.Run("generate", Tiny, "-o", cli.PathOf("b"), "--seed", "7", "--threads", "3", "--reference", "departments", "--reference", "projects").Code);
        foreach (string file in Directory.GetFiles(cli.PathOf("a")))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(cli.PathOf("b"), Path.GetFileName(file))));
        Assert.StartsWith("staff_id,dept_id,manager_id,level,salary", File.ReadAllText(cli.PathOf("a/staff.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingOutput_NeedsForce_AndNothingIsLeftBehind()
    {
        var cli = new CliRunner();
        Directory.CreateDirectory(cli.PathOf("out"));
        var run = cli.Run("generate", Tiny, "-o", cli.PathOf("out"), "--seed", "1", "--reference", "departments,projects");
        Assert.Equal(6, run.Code);
        Assert.Contains("--force", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFileSystemEntries(cli.Folder), p => Path.GetFileName(p).StartsWith('.'));
        Assert.Equal(0, cli.Run("generate", Tiny, "-o", cli.PathOf("out"), "--seed", "1", "--force", "--reference", "departments,projects").Code);
        Assert.Equal(4, Directory.GetFiles(cli.PathOf("out")).Length);
    }

    [Theory]
    [InlineData("postgresql://u:secret@127.0.0.1:1/db", "Cannot reach PostgreSQL at postgresql://u@127.0.0.1:1/db")]
    [InlineData("shop.sqlite", "Cannot read shop.sqlite: no such SQLite file.")]
    public void OtherDatabases_OpenThroughTheirProviders_MissingOnesAreAnIOError(string location, string message)
    {
        var run = new CliRunner().Run("inspect", location);
        Assert.Equal(6, run.Code);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadRowsOption_IsAUsageError()
    {
        var cli = new CliRunner();
        Assert.Equal(0, cli.Run("fit", Tiny, "-o", cli.PathOf("db.doppel"), "--reference", "departments,projects").Code);
        var run = cli.Run("sample", cli.PathOf("db.doppel"), "-o", cli.PathOf("out"), "--rows", "projects", "--seed", "1");
        Assert.Equal(2, run.Code);
        Assert.Contains("is not TABLE=N", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cli.PathOf("out")));
    }

    [Fact]
    public void SmallTables_AreRefusedByName_UntilDeclaredReference()
    {
        var cli = new CliRunner();
        var run = cli.Run("fit", Tiny, "-o", cli.PathOf("db.doppel"));
        Assert.Equal(3, run.Code);
        Assert.Contains("'departments' (6 rows), 'projects' (10 rows) have fewer than 20 rows", run.Error, StringComparison.Ordinal);
        Assert.Contains("--reference departments,projects", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.PathOf("db.doppel")));
        var unknown = cli.Run("fit", Tiny, "-o", cli.PathOf("db.doppel"), "--reference", "regions");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("--reference names table 'regions'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Scale_LeavesReferenceTablesAsTheyAre_AndModelListsThem()
    {
        var cli = new CliRunner();
        Assert.Equal(0, cli.Run("fit", Tiny, "-o", cli.PathOf("db.doppel"), "--reference", "departments,projects").Code);
        var model = cli.Run("model", cli.PathOf("db.doppel"));
        Assert.Equal(0, model.Code);
        Assert.Contains("reference tables: departments, projects", model.Out, StringComparison.Ordinal);
        Assert.Equal(0, cli.Run("sample", cli.PathOf("db.doppel"), "-o", cli.PathOf("out"), "--scale", "3", "--seed", "2").Code);
        Assert.Equal(7, File.ReadAllLines(cli.PathOf("out/departments.csv")).Length);
        Assert.Equal(11, File.ReadAllLines(cli.PathOf("out/projects.csv")).Length);
        int staff = File.ReadAllLines(cli.PathOf("out/staff.csv")).Length - 1;
        Assert.InRange(staff, 60 * 3 * 0.8, 60 * 3 * 1.2); // the children of a reference table still scale
    }
}
