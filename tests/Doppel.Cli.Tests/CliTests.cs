namespace Doppel.Cli.Tests;

public class CliTests
{
    private readonly CliRunner _cli = new();

    [Fact]
    public void Generate_SampleData_WritesAsManyRowsAsTheInput()
    {
        string output = _cli.PathOf("synthetic.csv");
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", output, "--seed", "1");
        Assert.True(code == 0, error);
        var lines = File.ReadAllLines(output);
        Assert.Equal(File.ReadAllLines(CliRunner.Sample)[0], lines[0]);
        Assert.Equal(3_257, lines.Length - 1);
        Assert.Contains("Wrote 3,257 rows", error);
    }

    [Fact]
    public void Generate_WithoutSeed_PrintsTheSeedUsed()
    {
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", _cli.PathOf("s.csv"), "--rows", "10");
        Assert.Equal(0, code);
        Assert.Matches(@"Seed: \d+ \(pass --seed \d+ to repeat", error);
    }

    [Fact]
    public void InspectFitSample_RoundTripThroughEditedMetadata()
    {
        string metadata = _cli.PathOf("meta.json");
        Assert.Equal(0, _cli.Run("inspect", CliRunner.Sample, "-o", metadata).Code);
        string json = File.ReadAllText(metadata);
        Assert.Contains("\"income\"", json);
        // Edit: treat education-num as categorical.
        File.WriteAllText(metadata, json.Replace("\"name\": \"education-num\",\n          \"type\": \"numerical\",\n          \"integer\": true", "\"name\": \"education-num\",\n          \"type\": \"categorical\"", StringComparison.Ordinal));
        Assert.Contains("\"education-num\",\n          \"type\": \"categorical\"", File.ReadAllText(metadata));
        string model = _cli.PathOf("m.doppel");
        var fit = _cli.Run("fit", CliRunner.Sample, "--metadata", metadata, "-o", model, "--seed", "3");
        Assert.True(fit.Code == 0, fit.Error);
        var a = _cli.Run("sample", model, "--rows", "500", "--seed", "9", "-o", "-");
        var b = _cli.Run("sample", model, "--rows", "500", "--seed", "9", "-o", "-", "--threads", "1");
        Assert.Equal(0, a.Code);
        Assert.Equal(501, CliRunner.Text(a.Stdout).TrimEnd('\n').Split('\n').Length);
        Assert.Equal(a.Stdout, b.Stdout);
    }

    [Fact]
    public void Inspect_ToStdout_PrintsJson()
    {
        var (code, output, _, _) = _cli.Run("inspect", CliRunner.Sample, "--quiet");
        Assert.Equal(0, code);
        Assert.StartsWith("{", output.TrimStart());
        Assert.Contains("doppel-metadata", output);
    }

    [Fact]
    public void Sample_Parquet_WritesAParquetFile()
    {
        string model = _cli.PathOf("m.doppel");
        Assert.Equal(0, _cli.Run("fit", CliRunner.Sample, "-o", model).Code);
        string output = _cli.PathOf("out.parquet");
        var (code, _, error, _) = _cli.Run("sample", model, "--rows", "1000", "-o", output, "--seed", "2");
        Assert.True(code == 0, error);
        Assert.Equal("PAR1"u8.ToArray(), File.ReadAllBytes(output)[..4]);
        // And the Parquet file reads back as data.
        var regenerated = _cli.Run("generate", output, "-o", _cli.PathOf("again.csv"), "--rows", "5", "--seed", "1");
        Assert.True(regenerated.Code == 0, regenerated.Error);
    }

    [Fact]
    public void Independent_SynthesizerIsSelectable()
    {
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "--synthesizer", "independent", "-o", _cli.PathOf("i.csv"), "--rows", "100", "--seed", "1");
        Assert.True(code == 0, error);
        Assert.Contains("independent", error);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    public void Sample_BadRows_IsUsageError(string rows)
    {
        string model = _cli.PathOf("m.doppel");
        Assert.Equal(0, _cli.Run("fit", CliRunner.Sample, "-o", model).Code);
        var (code, _, error, _) = _cli.Run("sample", model, "--rows", rows, "-o", _cli.PathOf("x.csv"));
        Assert.Equal(2, code);
        Assert.Contains("error", error);
        Assert.False(File.Exists(_cli.PathOf("x.csv")));
    }

    [Fact]
    public void Sample_ZeroRows_WritesHeaderOnly()
    {
        string model = _cli.PathOf("m.doppel");
        Assert.Equal(0, _cli.Run("fit", CliRunner.Sample, "-o", model).Code);
        Assert.Equal(0, _cli.Run("sample", model, "--rows", "0", "-o", _cli.PathOf("z.csv"), "--seed", "1").Code);
        Assert.Single(File.ReadAllLines(_cli.PathOf("z.csv")));
    }

    [Fact]
    public void Errors_MapToDocumentedExitCodes_WithoutStackTraces()
    {
        string model = _cli.PathOf("m.doppel");
        Assert.Equal(0, _cli.Run("fit", CliRunner.Sample, "-o", model).Code);
        string ragged = _cli.Write("ragged.csv", "a,b\n1,2\n3\n");
        string badMeta = _cli.Write("bad.json", """{"format":"doppel-metadata","version":1,"tables":[{"name":"t","columns":[{"name":"nope","type":"numerical"}]}]}""");
        string notModel = _cli.Write("fake.doppel", "hello");
        string headerOnly = _cli.Write("header.csv", "a,b\n");
        string empty = _cli.Write("empty.csv", "");
        var cases = new (string[] Args, int Code, string Says)[]
        {
            (["generate", _cli.PathOf("missing.csv"), "-o", _cli.PathOf("o1.csv")], 6, "Cannot find"),
            (["generate", ragged, "-o", _cli.PathOf("o2.csv")], 3, "row 2"),
            (["generate", CliRunner.Sample, "--metadata", badMeta, "-o", _cli.PathOf("o3.csv")], 4, "'nope'"),
            (["sample", notModel, "--rows", "5", "-o", _cli.PathOf("o4.csv")], 5, "not a Doppel model"),
            (["generate", CliRunner.Sample, "-o", Path.Combine(_cli.Folder, "no", "such", "o5.csv")], 6, "does not exist"),
            (["generate", CliRunner.Sample, "--synthesizer", "ctgan", "-o", _cli.PathOf("o6.csv")], 2, "Unknown synthesizer"),
            (["generate", CliRunner.Sample, "-o", CliRunner.Sample, "--force"], 2, "never overwrites its input"),
            (["fit", CliRunner.Sample], 2, "--output"),
            (["generate", headerOnly, "-o", _cli.PathOf("o7.csv")], 3, "no data rows"),
            (["generate", empty, "-o", _cli.PathOf("o8.csv")], 3, "empty"),
            (["inspect", headerOnly], 3, "no data rows"),
            (["frobnicate"], 2, "error"),
        };
        foreach (var (args, expected, says) in cases)
        {
            var (code, _, error, _) = _cli.Run(args);
            Assert.True(code == expected, $"{string.Join(' ', args)} -> {code}: {error}");
            Assert.Contains(says, error);
            Assert.DoesNotContain("   at ", error); // no stack trace
        }
        Assert.Empty(Directory.GetFiles(_cli.Folder, "o*.csv"));
        Assert.Empty(Directory.GetFiles(_cli.Folder, "*.tmp"));
    }

    [Fact]
    public void ExistingOutput_NeedsForce()
    {
        string output = _cli.Write("exists.csv", "keep");
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", output, "--rows", "5", "--seed", "1");
        Assert.Equal(6, code);
        Assert.Contains("--force", error);
        Assert.Equal("keep", File.ReadAllText(output));
        Assert.Equal(0, _cli.Run("generate", CliRunner.Sample, "-o", output, "--rows", "5", "--seed", "1", "--force").Code);
        Assert.Equal(6, File.ReadAllLines(output).Length);
    }

    [Fact]
    public void Quiet_PrintsNothingOnSuccess()
    {
        var (code, output, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", _cli.PathOf("q.csv"), "--rows", "5", "--quiet");
        Assert.Equal(0, code);
        Assert.Equal("", output);
        Assert.Equal("", error);
    }

    [Fact]
    public void Help_ListsTheVerbs()
    {
        var (code, output, _, _) = _cli.Run("--help");
        Assert.Equal(0, code);
        foreach (var verb in new[] { "inspect", "fit", "sample", "generate" }) Assert.Contains(verb, output);
    }

    [Fact]
    public void Generate_PiiLocale_IsSavedAndChecked()
    {
        string people = _cli.Write("people.csv", "first_name,email,age\n" + string.Join("\n",
            Enumerable.Range(0, 40).Select(i => $"Person{i},person{i}@mail.org,{20 + i}")) + "\n");
        string model = _cli.PathOf("de.doppel");
        var fit = _cli.Run("fit", people, "-o", model, "--pii-locale", "de");
        Assert.True(fit.Code == 0, fit.Error);
        Assert.Equal("de", Doppel.Models.ModelFile.Load(model).Options.PiiLocale);
        var (code, _, error, _) = _cli.Run("generate", people, "-o", _cli.PathOf("s.csv"), "--pii-locale", "klingon");
        Assert.Equal(2, code);
        Assert.Contains("'klingon' is not a supported PII locale", error);
    }
}

public class DateFormatTests
{
    private readonly CliRunner _cli = new();

    [Fact]
    public void Inspect_AmbiguousDates_NeedDateFormat()
    {
        // 24 rows (a model needs 20), every day and month at most 12: the order is ambiguous.
        string data = _cli.Write("dates.csv", "when,v\n" + string.Concat(Enumerable.Range(0, 24).Select(i => $"{i % 12 + 1:00}/{(i + 5) % 12 + 1:00}/2024,{i}\n")));
        var (code, output, error, _) = _cli.Run("inspect", data);
        Assert.Equal(0, code);
        Assert.Contains("--date-format", error);
        Assert.DoesNotContain("\"datetime\"", output);
        var settled = _cli.Run("inspect", data, "--date-format", "dd/MM/yyyy");
        Assert.Contains("\"format\": \"dd/MM/yyyy\"", settled.Out);
        var generated = _cli.Run("generate", data, "--date-format", "dd/MM/yyyy", "-o", _cli.PathOf("out.csv"), "--rows", "20", "--seed", "1");
        Assert.True(generated.Code == 0, generated.Error);
        Assert.All(File.ReadAllLines(_cli.PathOf("out.csv")).Skip(1), line => Assert.Matches(@"^\d\d/\d\d/2024,", line));
    }

    [Fact]
    public void DateFormat_Invalid_IsUsageError()
    {
        string data = _cli.Write("dates.csv", "when\n01/02/2024\n");
        var (code, _, error, _) = _cli.Run("inspect", data, "--date-format", "%Q");
        Assert.Equal(2, code);
        Assert.Contains("--date-format", error);
    }
}

public class CultureTests
{
    private readonly CliRunner _cli = new();

    [Fact]
    public void Generate_DecimalCommaInput_WithCulture()
    {
        string data = _cli.Write("eu.csv", "preis;menge\n" + string.Concat(Enumerable.Range(1, 40).Select(i => $"{i},5;{i % 7}\n")));
        string output = _cli.PathOf("out.csv");
        var (code, _, error, _) = _cli.Run("generate", data, "--culture", "de-DE", "-o", output, "--rows", "50", "--seed", "1");
        Assert.True(code == 0, error);
        // Output is invariant: a comma delimiter and decimal points.
        Assert.All(File.ReadAllLines(output).Skip(1), line => Assert.Matches(@"^\d+(\.\d)?,\d+$", line));
        Assert.Equal(2, _cli.Run("generate", data, "--culture", "xx-NOPE", "-o", _cli.PathOf("x.csv")).Code);
    }
}

public class AutoSynthesizerTests
{
    private readonly CliRunner _cli = new();

    [Fact]
    public void Generate_Auto_SaysWhichAndWhy()
    {
        string output = _cli.PathOf("auto.csv");
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "--synthesizer", "auto", "-o", output, "--rows", "200", "--seed", "4");
        Assert.True(code == 0, error);
        Assert.Matches(@"Synthesizer auto chose (sequential-tree|bayesian-network|gaussian-copula): .*held-out 20%", error);
        string chosen = System.Text.RegularExpressions.Regex.Match(error, @"auto chose (\S+):").Groups[1].Value;
        Assert.Contains($"\"synthesizer\": \"{chosen}\"", File.ReadAllText(output + ".manifest.json"));
    }

    [Fact]
    public void Auto_TinyData_PicksTheCopulaAndSaysWhy()
    {
        // 30 rows: enough to protect (20), too few to hold out 20% and compare (50).
        string data = _cli.Write("tiny.csv", "a,b\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i},{(i % 2 == 0 ? "x" : "y")}\n")));
        var (code, _, error, _) = _cli.Run("fit", data, "--synthesizer", "auto", "-o", _cli.PathOf("m.doppel"));
        Assert.True(code == 0, error);
        Assert.Contains("too few to compare", error);
    }
}

public class WhereTests
{
    private readonly CliRunner _cli = new();

    [Fact]
    public void Generate_Where_WritesOnlyMatchingRows()
    {
        string output = _cli.PathOf("women.csv");
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", output, "--rows", "300", "--seed", "5", "--where", "sex = 'Female' and age >= 30");
        Assert.True(code == 0, error);
        var lines = File.ReadAllLines(output);
        var header = lines[0].Split(',');
        int sex = Array.IndexOf(header, "sex"), age = Array.IndexOf(header, "age");
        Assert.Equal(300, lines.Length - 1);
        Assert.All(lines.Skip(1).Select(l => l.Split(',')), f => Assert.True(f[sex] == "Female" && int.Parse(f[age], System.Globalization.CultureInfo.InvariantCulture) >= 30));
        Assert.Contains("\"condition\": \"sex = 'Female' and age >= 30\"", File.ReadAllText(output + ".manifest.json"));
    }

    [Fact]
    public void Where_BadOrImpossible_IsClearError()
    {
        var malformed = _cli.Run("generate", CliRunner.Sample, "-o", _cli.PathOf("a.csv"), "--where", "sex = ");
        Assert.Equal(2, malformed.Code);
        Assert.Contains("^", malformed.Error);
        var unknown = _cli.Run("generate", CliRunner.Sample, "-o", _cli.PathOf("b.csv"), "--where", "gender = 'x'");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("unknown column 'gender'", unknown.Error);
        var impossible = _cli.Run("generate", CliRunner.Sample, "-o", _cli.PathOf("c.csv"), "--rows", "10", "--where", "sex = 'Robot'");
        Assert.Equal(7, impossible.Code);
        Assert.False(File.Exists(_cli.PathOf("c.csv")));
    }
}
