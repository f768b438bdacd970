using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doppel.Evaluation.Reporting;

namespace Doppel.Tests;

public class ReportHtmlDetectorTests
{
    /// <summary>The sample report with a detection section that explains itself (docs/report-schema.md).</summary>
    private static JsonObject Explained()
    {
        var report = SampleReport.Make();
        report["detection"] = new JsonObject
        {
            ["rocAuc"] = 0.613, ["folds"] = 5, ["rowsPerClass"] = 20_000,
            ["features"] = new JsonArray(
                new JsonObject { ["column"] = "capital-gain", ["importance"] = 0.081 },
                new JsonObject { ["column"] = "work<class>", ["importance"] = 0.012 },
                new JsonObject { ["column"] = "age", ["importance"] = -0.001 }),
            ["giveaways"] = new JsonArray(
                new JsonObject
                {
                    ["column"] = "capital-gain", ["type"] = "numerical", ["importance"] = 0.081,
                    ["bins"] = new JsonArray(
                        new JsonObject { ["label"] = "0", ["real"] = 0.92, ["synthetic"] = 0.70 },
                        new JsonObject { ["label"] = "> 0", ["real"] = 0.08, ["synthetic"] = 0.30 }),
                },
                new JsonObject
                {
                    ["column"] = "work<class>", ["type"] = "categorical", ["importance"] = 0.012,
                    ["bins"] = new JsonArray(
                        new JsonObject { ["label"] = "Private", ["real"] = 0.7, ["synthetic"] = 0.6 },
                        new JsonObject { ["label"] = "(other)", ["real"] = 0.3, ["synthetic"] = 0.4 }),
                }),
            ["surestSynthetic"] = new JsonObject
            {
                ["columns"] = new JsonArray("age", "capital-gain", "work<class>"),
                ["rows"] = new JsonArray(
                    new JsonObject { ["syntheticRow"] = 17, ["score"] = 0.994, ["values"] = new JsonArray("39", "99999", "O'Brien & Sons") },
                    new JsonObject { ["syntheticRow"] = 3, ["score"] = 0.981, ["values"] = new JsonArray("52", null, "Private") }),
            },
        };
        return report;
    }

    [Fact]
    public void Render_DetectionExplained_ShowsImportanceChartsAndSurestRows()
    {
        string page = ReportHtml.Render(Explained());
        Assert.Contains("<h3>What gives the synthetic rows away</h3>", page, StringComparison.Ordinal);
        Assert.Contains("<h3>Synthetic rows the detector is surest about</h3>", page, StringComparison.Ordinal);
        Assert.Contains(">8.1%<", page, StringComparison.Ordinal);
        // One chart per giveaway, captioned with its importance, inside the detection part (before utility).
        int detection = page.IndexOf("<h3>Detection</h3>", StringComparison.Ordinal);
        int utility = page.IndexOf("<h3>Utility (train on synthetic, test on real)</h3>", StringComparison.Ordinal);
        int explained = page.IndexOf("<h3>What gives the synthetic rows away</h3>", StringComparison.Ordinal);
        Assert.InRange(explained, detection, utility);
        string part = page[explained..utility];
        Assert.Equal(2, Regex.Count(part, "<svg "));
        Assert.Contains("aria-label=\"Distribution of capital-gain, real and synthetic\"", part, StringComparison.Ordinal);
        Assert.Contains("8.1% of the gain", part, StringComparison.Ordinal);
        // The rows as the synthetic file spells them, user text escaped, a null as a dash.
        Assert.Contains(">99999<", part, StringComparison.Ordinal);
        Assert.Contains("O&#39;Brien &amp; Sons", part, StringComparison.Ordinal);
        Assert.Contains("work&lt;class&gt;", part, StringComparison.Ordinal);
        Assert.Contains(">0.994<", part, StringComparison.Ordinal);
        Assert.Contains("\u2014", part, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        ReportHtmlTests.ParseXml(page);
    }

    [Fact]
    public void Render_DetectionWithoutExplanation_ShowsNoExplanation()
    {
        // An older report: the detection table only.
        string page = ReportHtml.Render(SampleReport.Make());
        Assert.DoesNotContain("What gives the synthetic rows away", page, StringComparison.Ordinal);
        Assert.DoesNotContain("surest about", page, StringComparison.Ordinal);
    }
}
