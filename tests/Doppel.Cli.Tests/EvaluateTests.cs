using System.Text.Json;

namespace Doppel.Cli.Tests;

public class EvaluateTests
{
    private readonly CliRunner _cli = new();

    private string Synthetic(string name = "syn.csv", params string[] extra)
    {
        string output = _cli.PathOf(name);
        Assert.Equal(0, _cli.Run(["generate", CliRunner.Sample, "-o", output, "--seed", "1", .. extra]).Code);
        return output;
    }

    [Fact]
    public void Evaluate_WritesJsonReportAndSummary()
    {
        string syn = Synthetic();
        string json = _cli.PathOf("r.json"), html = _cli.PathOf("r.html");
        var (code, stdout, error, _) = _cli.Run("evaluate", "--real", CliRunner.Sample, "--synthetic", syn, "--json", json, "-o", html);
        Assert.True(code == 0, error);
        Assert.Contains("Verdict:", stdout);
        Assert.Contains("Accuracy", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal("doppel-report", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        double accuracy = root.GetProperty("accuracy").GetProperty("overall").GetDouble();
        Assert.InRange(accuracy, 0.9, 1.0);
        Assert.Equal(15, root.GetProperty("distributions").GetArrayLength());
        Assert.Equal("gaussian-copula", root.GetProperty("manifest").GetProperty("synthesizer").GetString());
        Assert.True(new FileInfo(html).Length > 1000);
        // The synthetic file's manifest now records the scores, and the file still verifies.
        using var manifest = JsonDocument.Parse(File.ReadAllText(syn + ".manifest.json"));
        Assert.Equal(accuracy, manifest.RootElement.GetProperty("scores").GetProperty("accuracy").GetDouble(), 9);
        Assert.Equal(0, _cli.Run("verify", syn).Code);
    }

    [Fact]
    public void Evaluate_ExplainsTheDetector_WithRowsSpelledAsInTheSyntheticFile()
    {
        string syn = Synthetic();
        string json = _cli.PathOf("r.json"), html = _cli.PathOf("r.html");
        var (code, stdout, error, _) = _cli.Run("evaluate", "--real", CliRunner.Sample, "--synthetic", syn, "--json", json, "-o", html);
        Assert.True(code == 0, error);
        Assert.Contains("Gives it away", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var detection = doc.RootElement.GetProperty("detection");
        Assert.Equal(15, detection.GetProperty("features").GetArrayLength());
        Assert.InRange(detection.GetProperty("giveaways").GetArrayLength(), 1, 5);
        var surest = detection.GetProperty("surestSynthetic");
        var lines = File.ReadAllLines(syn);
        Assert.Equal(lines[0], string.Join(',', surest.GetProperty("columns").EnumerateArray().Select(c => c.GetString())));
        var rows = surest.GetProperty("rows");
        Assert.Equal(5, rows.GetArrayLength());
        foreach (var row in rows.EnumerateArray())
        {
            // Each example is a synthetic row, value for value as the synthetic file spells it.
            string line = lines[1 + row.GetProperty("syntheticRow").GetInt32()];
            Assert.Equal(line, string.Join(',', row.GetProperty("values").EnumerateArray().Select(v => v.GetString() ?? "")));
        }
        string page = File.ReadAllText(html);
        Assert.Contains("<h3>What gives the synthetic rows away</h3>", page);
        Assert.Contains("<h3>Synthetic rows the detector is surest about</h3>", page);
    }

    [Fact]
    public void Evaluate_WithHoldoutTargetAndSensitive_FillsEverySection()
    {
        // Split the shipped sample: the first 2,500 rows train, the rest are the holdout.
        var lines = File.ReadAllLines(CliRunner.Sample);
        string train = _cli.Write("train.csv", string.Join("\n", lines.Take(2_501)) + "\n");
        string holdout = _cli.Write("holdout.csv", string.Join("\n", lines.Take(1).Concat(lines.Skip(2_501))) + "\n");
        string syn = _cli.PathOf("syn.csv");
        Assert.Equal(0, _cli.Run("generate", train, "-o", syn, "--seed", "2").Code);
        string json = _cli.PathOf("full.json");
        var (code, stdout, error, _) = _cli.Run("evaluate", "--real", train, "--synthetic", syn, "--holdout", holdout,
            "--target", "income", "--sensitive", "sex", "--json", json, "-o", _cli.PathOf("full.html"));
        Assert.True(code == 0, error);
        Assert.Contains("Detection AUC", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        foreach (var section in new[] { "accuracy", "quality", "diagnostics", "privacy", "detection", "utility", "fairness", "correlations", "manifest" })
            Assert.True(root.GetProperty(section).ValueKind != JsonValueKind.Null, $"{section} is null");
        Assert.InRange(root.GetProperty("detection").GetProperty("rocAuc").GetDouble(), 0.5, 1.0);
        Assert.InRange(root.GetProperty("privacy").GetProperty("dcrShare").GetDouble(), 0.3, 0.7);
        Assert.Equal("sex", root.GetProperty("fairness")[0].GetProperty("column").GetString());
        Assert.Equal("classification", root.GetProperty("utility").GetProperty("task").GetString());
        Assert.InRange(root.GetProperty("accuracy").GetProperty("ceiling").GetProperty("overall").GetDouble(), 0.5, 1.0);
    }

    [Fact]
    public void Evaluate_MembershipInference_BoundOnlyWhenTheManifestRecordsABudget()
    {
        var lines = File.ReadAllLines(CliRunner.Sample);
        string train = _cli.Write("train.csv", string.Join("\n", lines.Take(2_501)) + "\n");
        string holdout = _cli.Write("holdout.csv", string.Join("\n", lines.Take(1).Concat(lines.Skip(2_501))) + "\n");
        string syn = _cli.PathOf("syn.csv");
        Assert.Equal(0, _cli.Run("generate", train, "-o", syn, "--seed", "3").Code);

        string plain = _cli.PathOf("plain.json");
        var (code, stdout, error, _) = _cli.Run("evaluate", "--real", train, "--synthetic", syn, "--holdout", holdout, "--no-ml", "--json", plain);
        Assert.True(code == 0, error);
        Assert.Contains("no formal bound", stdout);
        using (var doc = JsonDocument.Parse(File.ReadAllText(plain)))
        {
            var m = doc.RootElement.GetProperty("privacy").GetProperty("membershipInference");
            Assert.Equal(JsonValueKind.Null, m.GetProperty("dpBound").ValueKind);
            Assert.InRange(m.GetProperty("auc").GetDouble(), 0.3, 0.7);
            Assert.Equal(Math.Min(2_500, lines.Length - 2_501), m.GetProperty("members").GetInt32());
        }

        // A differentially private model records its budget in the manifest; evaluate then shows the bound.
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(syn + ".manifest.json"))!.AsObject();
        manifest["privacy"] = new System.Text.Json.Nodes.JsonObject { ["epsilon"] = 1.0, ["delta"] = 1e-6, ["rho"] = 0.05 };
        File.WriteAllText(syn + ".manifest.json", manifest.ToJsonString());
        string bounded = _cli.PathOf("bounded.json");
        (code, stdout, error, _) = _cli.Run("evaluate", "--real", train, "--synthetic", syn, "--holdout", holdout, "--no-ml", "--json", bounded);
        Assert.True(code == 0, error);
        Assert.Contains("DP bound 0.4621", stdout);
        using (var doc = JsonDocument.Parse(File.ReadAllText(bounded)))
        {
            var bound = doc.RootElement.GetProperty("privacy").GetProperty("membershipInference").GetProperty("dpBound");
            Assert.Equal(1.0, bound.GetProperty("epsilon").GetDouble());
            Assert.Equal(1e-6, bound.GetProperty("delta").GetDouble());
            Assert.Equal((Math.E - 1 + 2e-6) / (Math.E + 1), bound.GetProperty("advantageBound").GetDouble(), 6);
            Assert.True(doc.RootElement.GetProperty("manifest").GetProperty("scores").TryGetProperty("membershipAdvantage", out _));
        }

        // Test-only seeded noise gives no guarantee, so no bound.
        manifest["privacy"]!["secureNoise"] = false;
        File.WriteAllText(syn + ".manifest.json", manifest.ToJsonString());
        (code, stdout, error, _) = _cli.Run("evaluate", "--real", train, "--synthetic", syn, "--holdout", holdout, "--no-ml", "--json", bounded, "--force");
        Assert.True(code == 0, error);
        Assert.Contains("no formal bound", stdout);
    }

    [Fact]
    public void Evaluate_SensitiveWithOneGroup_SkipsFairnessWithTheReason()
    {
        var lines = File.ReadAllLines(CliRunner.Sample);
        int sex = Array.IndexOf(lines[0].Split(','), "sex");
        var males = lines.Take(1).Concat(lines.Skip(1).Where(l => l.Split(',')[sex] == "Male")).ToArray();
        string data = _cli.Write("males.csv", string.Join("\n", males) + "\n");
        string syn = _cli.PathOf("males-syn.csv");
        Assert.Equal(0, _cli.Run("generate", data, "-o", syn, "--seed", "2", "--rows", "500").Code);
        string json = _cli.PathOf("males.json");
        var (code, _, error, _) = _cli.Run("evaluate", "--real", data, "--synthetic", syn, "--target", "income", "--sensitive", "sex", "--no-ml", "--json", json);
        Assert.Equal(0, code);
        Assert.Contains("two groups", error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Contains("two groups", doc.RootElement.GetProperty("skipped").GetProperty("fairness").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("fairness").ValueKind);
    }

    [Fact]
    public void Evaluate_ExistingOutput_RefusedBeforeAnyWork_ManifestUntouched()
    {
        string syn = Synthetic();
        string json = _cli.Write("exists.json", "keep");
        string manifest = File.ReadAllText(syn + ".manifest.json");
        var (code, _, error, _) = _cli.Run("evaluate", "--real", CliRunner.Sample, "--synthetic", syn, "--json", json);
        Assert.Equal(6, code);
        Assert.Contains("--force", error);
        Assert.Equal("keep", File.ReadAllText(json));
        Assert.Equal(manifest, File.ReadAllText(syn + ".manifest.json"));
    }

    [Fact]
    public void Evaluate_WithCulture_ReadsDoppelsInvariantSyntheticFile()
    {
        string data = _cli.Write("eu.csv", "preis;menge\n" + string.Concat(Enumerable.Range(1, 60).Select(i => $"{i},25;{i % 7}\n")));
        string syn = _cli.PathOf("eu-syn.csv");
        Assert.Equal(0, _cli.Run("generate", data, "--culture", "de-DE", "-o", syn, "--seed", "1").Code);
        var (code, stdout, error, _) = _cli.Run("evaluate", "--real", data, "--synthetic", syn, "--culture", "de-DE", "--no-ml");
        Assert.True(code == 0, error);
        Assert.Contains("Accuracy", stdout);
    }

    [Fact]
    public void Evaluate_RealAgainstItself_ScoresOne()
    {
        string json = _cli.PathOf("self.json");
        Assert.Equal(0, _cli.Run("evaluate", "--real", CliRunner.Sample, "--synthetic", CliRunner.Sample, "--json", json, "--no-ml").Code);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(1.0, doc.RootElement.GetProperty("accuracy").GetProperty("overall").GetDouble(), 9);
    }

    [Fact]
    public void Evaluate_IgnoresTheSyntheticMarkerColumn()
    {
        string syn = Synthetic("marked.csv", "--mark-synthetic");
        var (code, _, error, _) = _cli.Run("evaluate", "--real", CliRunner.Sample, "--synthetic", syn);
        Assert.True(code == 0, error);
    }

    [Fact]
    public void Evaluate_BadInput_IsClearError()
    {
        string syn = Synthetic();
        string other = _cli.Write("other.csv", "a,b\n1,2\n");
        string empty = _cli.Write("empty.csv", string.Join(",", File.ReadLines(CliRunner.Sample).First()) + "\n");
        var cases = new (string[] Args, int Code, string Says)[]
        {
            (["evaluate", "--real", CliRunner.Sample, "--synthetic", other], 3, "missing: 'age'"),
            (["evaluate", "--real", CliRunner.Sample, "--synthetic", empty], 3, "no data rows"),
            (["evaluate", "--real", CliRunner.Sample, "--synthetic", syn, "--sensitive", "sex"], 2, "needs a target (--target)"),
            (["evaluate", "--real", CliRunner.Sample, "--synthetic", syn, "--target", "salary"], 2, "'salary'"),
            (["evaluate", "--real", CliRunner.Sample], 2, "--synthetic"),
        };
        foreach (var (args, expected, says) in cases)
        {
            var (code, _, error, _) = _cli.Run(args);
            Assert.True(code == expected, $"{string.Join(' ', args)} -> {code}: {error}");
            Assert.Contains(says, error);
        }
    }

    [Fact]
    public void Evaluate_SingleRowFiles_Work()
    {
        var lines = File.ReadLines(CliRunner.Sample).Take(2).ToArray();
        string one = _cli.Write("one.csv", string.Join("\n", lines) + "\n");
        var (code, _, error, _) = _cli.Run("evaluate", "--real", one, "--synthetic", one);
        Assert.True(code == 0, error);
    }
}
