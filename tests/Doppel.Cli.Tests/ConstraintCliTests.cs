using System.Globalization;
using System.Text.Json.Nodes;

namespace Doppel.Cli.Tests;

public class ConstraintCliTests
{
    private readonly CliRunner _cli = new();

    private static string[][] Rows(string path, out string[] header)
    {
        var lines = File.ReadAllLines(path);
        header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => l.Split(','))];
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void Generate_Constraints_HoldInEveryWrittenRow_AndAreInTheManifest()
    {
        string output = _cli.PathOf("constrained.csv");
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", output, "--rows", "2000", "--seed", "4",
            "--constraint", "capital-loss <= capital-gain", "--constraint", "20 <= age <= 60", "--constraint", "multiple_of(hours-per-week, 10)",
            "--constraint", "unique(fnlwgt)");
        Assert.True(code == 0, error);
        var rows = Rows(output, out var header);
        int loss = Array.IndexOf(header, "capital-loss"), gain = Array.IndexOf(header, "capital-gain"), age = Array.IndexOf(header, "age"),
            hours = Array.IndexOf(header, "hours-per-week"), fnlwgt = Array.IndexOf(header, "fnlwgt");
        Assert.Equal(2000, rows.Length);
        Assert.All(rows, f =>
        {
            Assert.True(Number(f[loss]) <= Number(f[gain]));
            Assert.InRange(Number(f[age]), 20, 60);
            Assert.Equal(0, Number(f[hours]) % 10);
        });
        Assert.Equal(2000, rows.Select(f => f[fnlwgt]).Distinct().Count());
        // The real sample has rows with a loss and no gain: reported, kept.
        Assert.Matches(@"Constraint ""capital-loss <= capital-gain"": [\d,]+ of 3,257 real rows break it \(kept; --drop-violating drops them\)\.", error);
        var manifest = JsonNode.Parse(File.ReadAllText(output + ".manifest.json"))!;
        var constraints = manifest["constraints"]!.AsArray();
        Assert.Equal(["capital-loss <= capital-gain", "20 <= age <= 60", "multiple_of(hours-per-week, 10)", "unique(fnlwgt)"],
            constraints.Select(c => (string)c!["expression"]!));
        Assert.True((long)constraints[0]!["trainingViolations"]! > 0);
        var real = Rows(CliRunner.Sample, out var realHeader).Select(f => f[Array.IndexOf(realHeader, "fnlwgt")]).ToArray();
        Assert.Equal(real.Length - real.Distinct().Count(), (long)constraints[3]!["trainingViolations"]!); // duplicates after the first
    }

    [Fact]
    public void FitThenSample_ModelKeepsItsConstraints_SampleAddsMore_AndDropViolatingDrops()
    {
        string model = _cli.PathOf("m.doppel");
        var fit = _cli.Run("fit", CliRunner.Sample, "-o", model, "--synthesizer", "sequential-tree", "--seed", "2",
            "--constraint", "combination(education, education-num)", "--constraint", "age < 50", "--drop-violating");
        Assert.True(fit.Code == 0, fit.Error);
        Assert.Matches(@"Constraint ""age < 50"": [\d,]+ of 3,257 real rows break it\.", fit.Error);
        Assert.Matches(@"Dropped [\d,]+ real rows that break a constraint", fit.Error);

        string output = _cli.PathOf("s.csv");
        var sample = _cli.Run("sample", model, "-n", "1500", "-o", output, "--seed", "8", "--constraint", "age >= 30");
        Assert.True(sample.Code == 0, sample.Error);
        var realPairs = Rows(CliRunner.Sample, out var realHeader)
            .Select(f => (f[Array.IndexOf(realHeader, "education")], f[Array.IndexOf(realHeader, "education-num")])).ToHashSet();
        var rows = Rows(output, out var header);
        int age = Array.IndexOf(header, "age"), education = Array.IndexOf(header, "education"), number = Array.IndexOf(header, "education-num");
        Assert.All(rows, f =>
        {
            Assert.InRange(Number(f[age]), 30, 49);
            Assert.Contains((f[education], f[number]), realPairs);
        });
        var manifest = JsonNode.Parse(File.ReadAllText(output + ".manifest.json"))!;
        Assert.Equal(["combination(education, education-num)", "age < 50", "age >= 30"], manifest["constraints"]!.AsArray().Select(c => (string)c!["expression"]!));
        Assert.Null(manifest["constraints"]![2]!["trainingViolations"]); // added when sampling: no training count
    }

    [Fact]
    public void Malformed_IsUsageWithACaret_AndNothingIsWritten()
    {
        string output = _cli.PathOf("bad.csv");
        var malformed = _cli.Run("generate", CliRunner.Sample, "-o", output, "--constraint", "age < ");
        Assert.Equal(2, malformed.Code);
        Assert.Contains("--constraint: expected a value or a column at position 7:\n  age < \n        ^", malformed.Error.Replace("\r", ""));
        var unknown = _cli.Run("generate", CliRunner.Sample, "-o", output, "--constraint", "salary > 0");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("unknown column 'salary'", unknown.Error);
        var kind = _cli.Run("fit", CliRunner.Sample, "-o", _cli.PathOf("m.doppel"), "--constraint", "one_hot(sex, race)");
        Assert.Equal(2, kind.Code);
        Assert.Contains("column 'sex' is categorical; one_hot(...) needs boolean or numerical (0/1) columns", kind.Error);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(_cli.PathOf("m.doppel")));
    }

    [Fact]
    public void Contradiction_IsUnsatisfiable_NamingBoth()
    {
        string output = _cli.PathOf("c.csv");
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", output, "--constraint", "age > 60", "--constraint", "age <= 40");
        Assert.Equal(7, code);
        Assert.Contains("The constraints \"age > 60\" and \"age <= 40\" contradict each other", error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void CannotBeMet_IsUnsatisfiable_NamingTheConstraint()
    {
        string model = _cli.PathOf("m.doppel");
        Assert.Equal(0, _cli.Run("fit", CliRunner.Sample, "-o", model, "--seed", "1").Code);
        string output = _cli.PathOf("u.csv");
        var (code, _, error, _) = _cli.Run("sample", model, "-n", "100", "-o", output, "--seed", "1", "--constraint", "unique(sex)");
        Assert.Equal(7, code);
        Assert.Contains("The constraint \"unique(sex)\" (unique) cannot be met", error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void MetadataConstraints_AreEnforced_AndAMalformedOneIsAMetadataError()
    {
        string metadata = _cli.PathOf("meta.json");
        Assert.Equal(0, _cli.Run("inspect", CliRunner.Sample, "-o", metadata).Code);
        var json = JsonNode.Parse(File.ReadAllText(metadata))!;
        json["tables"]![0]!["constraints"] = new JsonArray("hours-per-week >= 40");
        File.WriteAllText(metadata, json.ToJsonString());
        string output = _cli.PathOf("m.csv");
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "--metadata", metadata, "-o", output, "--rows", "500", "--seed", "3");
        Assert.True(code == 0, error);
        var rows = Rows(output, out var header);
        Assert.All(rows, f => Assert.True(Number(f[Array.IndexOf(header, "hours-per-week")]) >= 40));

        json["tables"]![0]!["constraints"] = new JsonArray("hours-per-week >=");
        File.WriteAllText(metadata, json.ToJsonString());
        var bad = _cli.Run("generate", CliRunner.Sample, "--metadata", metadata, "-o", _cli.PathOf("n.csv"));
        Assert.Equal(4, bad.Code);
        Assert.Contains("The metadata's constraint: expected a value or a column", bad.Error);
    }

    [Fact]
    public void AutoSynthesizer_WithACombinationConstraint_ChoosesAndEnforces()
    {
        // Without the constraint, about 30 of these 400 rows hold a (race, native-country, occupation) seen fewer than 5 times.
        string output = _cli.PathOf("auto.csv");
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", output, "--rows", "400", "--seed", "2", "--synthesizer", "auto",
            "--constraint", "combination(race, native-country, occupation)");
        Assert.True(code == 0, error);
        Assert.Contains("Synthesizer auto chose", error);
        static (string, string, string) Key(string[] f, string[] h) =>
            (f[Array.IndexOf(h, "race")], f[Array.IndexOf(h, "native-country")], f[Array.IndexOf(h, "occupation")]);
        var seen = Rows(CliRunner.Sample, out var realHeader).Select(f => Key(f, realHeader)).GroupBy(k => k).Where(g => g.Count() >= 5).Select(g => g.Key).ToHashSet();
        var rows = Rows(output, out var header);
        Assert.All(rows, f => Assert.True(Key(f, header) is (var race, var country, var occupation) && (race == "" || country == "" || occupation == "" || seen.Contains((race, country, occupation)))));
    }

    [Fact]
    public void DifferentiallyPrivateFit_EnforcesConstraints_ButReportsNoRealRows()
    {
        string output = _cli.PathOf("dp.csv");
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", output, "--rows", "500", "--seed", "3", "--epsilon", "10", "--constraint", "age < 50");
        Assert.True(code == 0, error);
        Assert.DoesNotContain("real rows break it", error); // a count of real rows would be outside the guarantee
        var rows = Rows(output, out var header);
        Assert.All(rows, f => Assert.True(Number(f[Array.IndexOf(header, "age")]) < 50));
        var manifest = JsonNode.Parse(File.ReadAllText(output + ".manifest.json"))!;
        Assert.Null(manifest["constraints"]![0]!["trainingViolations"]);

        var combination = _cli.Run("fit", CliRunner.Sample, "-o", _cli.PathOf("dp.doppel"), "--epsilon", "10", "--constraint", "combination(education, education-num)");
        Assert.Equal(2, combination.Code);
        Assert.Contains("differential privacy does not allow", combination.Error);
    }
}
