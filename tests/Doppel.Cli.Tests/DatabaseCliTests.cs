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

        Assert.Equal(0, cli.Run("fit", Tiny, "--metadata", cli.PathOf("metadata.json"), "-o", cli.PathOf("db.doppel")).Code);
        var sample = cli.Run("sample", cli.PathOf("db.doppel"), "-o", cli.PathOf("out"), "--scale", "2", "--rows", "projects=30", "--seed", "4");
        Assert.Equal(0, sample.Code);
        Assert.Equal(["assignments.csv", "departments.csv", "projects.csv", "staff.csv"], Directory.GetFiles(cli.PathOf("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(31, File.ReadAllLines(cli.PathOf("out/projects.csv")).Length);
        Assert.Equal(13, File.ReadAllLines(cli.PathOf("out/departments.csv")).Length);
        var manifest = JsonNode.Parse(File.ReadAllText(cli.PathOf("out.manifest.json")))!;
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
        Assert.Equal(0, cli.Run("generate", Tiny, "-o", cli.PathOf("a"), "--seed", "7", "--threads", "1").Code);
        Assert.Equal(0, cli.Run("generate", Tiny, "-o", cli.PathOf("b"), "--seed", "7", "--threads", "3").Code);
        foreach (string file in Directory.GetFiles(cli.PathOf("a")))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(cli.PathOf("b"), Path.GetFileName(file))));
        Assert.StartsWith("staff_id,dept_id,manager_id,level,salary", File.ReadAllText(cli.PathOf("a/staff.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingOutput_NeedsForce_AndNothingIsLeftBehind()
    {
        var cli = new CliRunner();
        Directory.CreateDirectory(cli.PathOf("out"));
        var run = cli.Run("generate", Tiny, "-o", cli.PathOf("out"), "--seed", "1");
        Assert.Equal(6, run.Code);
        Assert.Contains("--force", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFileSystemEntries(cli.Folder), p => Path.GetFileName(p).StartsWith('.'));
        Assert.Equal(0, cli.Run("generate", Tiny, "-o", cli.PathOf("out"), "--seed", "1", "--force").Code);
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
        Assert.Equal(0, cli.Run("fit", Tiny, "-o", cli.PathOf("db.doppel")).Code);
        var run = cli.Run("sample", cli.PathOf("db.doppel"), "-o", cli.PathOf("out"), "--rows", "projects", "--seed", "1");
        Assert.Equal(2, run.Code);
        Assert.Contains("is not TABLE=N", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cli.PathOf("out")));
    }
}
