using System.Text.Json.Nodes;

namespace Doppel.Tests;

/// <summary>
/// A realistic evaluation report (schema v1, docs/report-schema.md) with every section filled, for the renderer
/// tests: Adult-like columns, one numerical and several categorical ones, and a column whose name and one of whose
/// categories are hostile markup. Values come from fixed formulas, not a random generator.
/// </summary>
internal static class SampleReport
{
    /// <summary>A column name that must come out escaped.</summary>
    public const string NastyColumn = "<b>&\"x\"</b>";

    /// <summary>A category that must come out escaped.</summary>
    public const string NastyCategory = "<script>alert('x') & \"y\"</script>";

    /// <summary>The report, with <paramref name="extraColumns"/> more numerical columns (for size tests).</summary>
    public static JsonObject Make(int extraColumns = 0)
    {
        var columns = new List<(string Name, string Type, string[] Labels)>
        {
            ("age", "numerical", ["17\u201322", "22\u201326", "26\u201330", "30\u201334", "34\u201337", "37\u201341", "41\u201345", "45\u201350", "50\u201358", "58\u201390"]),
            ("workclass", "categorical", ["Private", "Self-emp-not-inc", "Local-gov", "(null)", "State-gov", "Self-emp-inc", "Federal-gov", "Without-pay", "Never-worked"]),
            ("education", "categorical", ["HS-grad", "Some-college", "Bachelors", "Masters", "Assoc-voc", "11th", "Assoc-acdm", "10th", "7th-8th",
                "Prof-school", "9th", "12th", "Doctorate", "5th-6th", "1st-4th", "Preschool"]),
            ("hours-per-week", "numerical", ["1\u201324", "25\u201335", "36\u201340", "41\u201345", "46\u201350", "51\u201399"]),
            ("sex", "categorical", ["Male", "Female"]),
            (NastyColumn, "categorical", ["plain", NastyCategory, "O'Brien & Sons", "a-very-long-category-label-that-needs-truncation-in-charts"]),
            ("income", "categorical", ["<=50K", ">50K"]),
        };
        for (int i = 0; i < extraColumns; i++)
            columns.Add(($"measurement_{i + 1:00}", "numerical", [.. Enumerable.Range(0, 10).Select(k => $"{k * 10}\u2013{k * 10 + 10}")]));
        string[] names = [.. columns.Select(c => c.Name)];
        int d = names.Length;

        var report = new JsonObject
        {
            ["format"] = "doppel-report",
            ["version"] = 1,
            ["engine"] = "doppel 0.1.0",
            ["createdUtc"] = "2026-11-25T16:00:00Z",
            ["inputs"] = new JsonObject
            {
                ["real"] = Input("adult.csv", 32561, d),
                ["synthetic"] = Input("syn.csv", 32561, d),
                ["holdout"] = Input("adult_test.csv", 16281, d),
                ["target"] = "income",
                ["sensitive"] = new JsonArray("sex", NastyColumn),
            },
            ["verdict"] = new JsonObject
            {
                ["level"] = "good",
                ["text"] = "The synthetic data keeps the columns' distributions and most pairwise relationships close to what a real holdout reaches; a classifier can tell it apart a little, and no sign of copied rows was found.",
            },
            ["headline"] = new JsonArray(
                Headline("Accuracy", 0.972, 0.988, "higher", "MOSTLY AI QA-compatible accuracy"),
                Headline("Quality", 0.915, null, "higher", "SDMetrics Quality Report (>= 0.27)"),
                Headline("Detection AUC", 0.613, null, "half", "0.5 = indistinguishable"),
                Headline("DCR share", 0.512, null, "half", "0.5 ideal")),
            ["accuracy"] = new JsonObject
            {
                ["univariate"] = 0.996,
                ["bivariate"] = 0.951,
                ["overall"] = 0.972,
                ["ceiling"] = new JsonObject { ["univariate"] = 0.993, ["bivariate"] = 0.983, ["overall"] = 0.988 },
                ["columns"] = new JsonArray([.. names.Select((n, i) => new JsonObject { ["column"] = n, ["score"] = 0.999 - 0.004 * i })]),
                ["pairs"] = new JsonArray([.. Pairs(d).Select(p => new JsonObject { ["a"] = names[p.A], ["b"] = names[p.B], ["score"] = 0.99 - 0.011 * ((p.A * 7 + p.B * 3) % 9) })]),
            },
            ["quality"] = new JsonObject
            {
                ["columnShapes"] = 0.951,
                ["columnPairTrends"] = 0.879,
                ["overall"] = 0.915,
                ["columnPairTrendsAllPairs"] = 0.902,
                ["overallAllPairs"] = 0.926,
                ["columns"] = new JsonArray([.. columns.Select((c, i) => new JsonObject
                {
                    ["column"] = c.Name,
                    ["metric"] = c.Type == "numerical" ? "KSComplement" : "TVComplement",
                    ["score"] = 0.97 - 0.01 * i,
                })]),
                ["pairs"] = new JsonArray([.. Pairs(d).Select(p => new JsonObject
                {
                    ["a"] = names[p.A],
                    ["b"] = names[p.B],
                    ["metric"] = columns[p.A].Type == "numerical" && columns[p.B].Type == "numerical" ? "CorrelationSimilarity" : "ContingencySimilarity",
                    ["score"] = 0.98 - 0.013 * ((p.A + 2 * p.B) % 7),
                    ["realAssociation"] = 0.07 + 0.09 * ((p.A + p.B) % 6),
                    ["counted"] = (p.A + p.B) % 6 >= 4,
                })]),
                ["missingValues"] = new JsonArray([.. names.Select((n, i) => new JsonObject { ["column"] = n, ["score"] = i == 1 ? 0.998 : 1.0 })]),
            },
            ["diagnostics"] = new JsonObject
            {
                ["columns"] = new JsonArray([.. columns.SelectMany(c => c.Type == "numerical"
                    ? new[] { Check(c.Name, "BoundaryAdherence", 1.0), Check(c.Name, "RangeCoverage", 0.97) }
                    : [Check(c.Name, "CategoryAdherence", 1.0), Check(c.Name, "CategoryCoverage", c.Labels.Length > 10 ? 0.875 : 1.0)])]),
            },
            ["distributions"] = new JsonArray([.. columns.Select((c, i) => new JsonObject
            {
                ["column"] = c.Name,
                ["type"] = c.Type,
                ["bins"] = Bins(c.Labels, c.Type == "numerical", i),
            })]),
            ["correlations"] = new JsonObject
            {
                ["columns"] = new JsonArray([.. names.Select(n => (JsonNode)n)]),
                ["real"] = Matrix(d, 0),
                ["synthetic"] = Matrix(d, 1),
            },
            ["privacy"] = new JsonObject
            {
                ["identicalMatchShare"] = 0.001,
                ["holdoutIdenticalMatchShare"] = 0.002,
                ["dcrShare"] = 0.512,
                ["dcrMedianSynthetic"] = 0.081,
                ["dcrMedianHoldout"] = 0.074,
                ["nndrMedian"] = 0.803,
                ["nndr5thPercentile"] = 0.412,
                ["anonymeter"] = new JsonArray(
                    Attack("singling-out", 0.012, 0.0, 0.031, 0.052, 0.041, 500),
                    Attack("linkability", 0.004, 0.0, 0.019, 0.034, 0.030, 500),
                    Attack("inference:income", 0.021, 0.002, 0.047, 0.771, 0.766, 500)),
                ["membershipInference"] = new JsonObject
                {
                    ["auc"] = 0.507, ["aucLow"] = 0.499, ["aucHigh"] = 0.515, ["advantage"] = 0.018, ["nullAdvantage95"] = 0.019,
                    ["tprAtFpr10"] = 0.104, ["members"] = 10_000, ["nonMembers"] = 10_000, ["syntheticRows"] = 32_561,
                    ["dpBound"] = new JsonObject { ["epsilon"] = 1.0, ["delta"] = 1e-6, ["advantageBound"] = 0.462118 },
                },
            },
            ["detection"] = new JsonObject { ["rocAuc"] = 0.613, ["folds"] = 5 },
            ["utility"] = new JsonObject
            {
                ["target"] = "income",
                ["task"] = "classification",
                ["metrics"] = new JsonArray(
                    Metric("ROC AUC", 0.921, 0.884, 0.96),
                    Metric("Accuracy", 0.853, 0.832, 0.975),
                    Metric("Macro F1", 0.781, 0.742, 0.95),
                    Metric("Minority-class F1", 0.683, 0.611, 0.895)),
            },
            ["fairness"] = new JsonArray(
                Fairness("sex", [("Male", 0.669, 0.661, 0.306, 0.288), ("Female", 0.331, 0.339, 0.109, 0.121)]),
                Fairness(NastyColumn, [("plain", 0.5, 0.52, 0.2, 0.21), (NastyCategory, 0.5, 0.48, 0.3, 0.28)])),
            ["manifest"] = new JsonObject
            {
                ["format"] = "doppel-manifest",
                ["version"] = 1,
                ["engine"] = "doppel 0.1.0",
                ["synthesizer"] = "gaussian-copula",
                ["options"] = new JsonObject { ["keepRare"] = false, ["minCategoryCount"] = 5 },
                ["seed"] = 42,
                ["rows"] = 32561,
                ["source"] = new JsonObject { ["rows"] = 32561, ["dataSha256"] = new string('a', 64), ["metadataSha256"] = new string('b', 64) },
                ["createdUtc"] = "2026-11-25T15:58:12Z",
                ["output"] = new JsonObject { ["file"] = "syn.csv", ["format"] = "csv", ["bytes"] = 3_974_402, ["sha256"] = new string('c', 64) },
            },
        };
        return report;
    }

    private static JsonObject Input(string file, int rows, int columns) => new() { ["file"] = file, ["rows"] = rows, ["columns"] = columns };

    private static JsonObject Headline(string name, double value, double? ceiling, string better, string text) =>
        new() { ["name"] = name, ["value"] = value, ["ceiling"] = ceiling, ["better"] = better, ["text"] = text };

    private static JsonObject Check(string column, string check, double score) => new() { ["column"] = column, ["check"] = check, ["score"] = score };

    private static JsonObject Attack(string attack, double risk, double low, double high, double attackRate, double controlRate, int attacks) => new()
    {
        ["attack"] = attack, ["risk"] = risk, ["low"] = low, ["high"] = high,
        ["attackRate"] = attackRate, ["controlRate"] = controlRate, ["attacks"] = attacks,
    };

    private static JsonObject Metric(string name, double real, double synthetic, double ratio) =>
        new() { ["name"] = name, ["real"] = real, ["synthetic"] = synthetic, ["ratio"] = ratio };

    private static JsonObject Fairness(string column, (string Group, double RealShare, double SynShare, double RealRate, double SynRate)[] groups) => new()
    {
        ["column"] = column,
        ["groups"] = new JsonArray([.. groups.Select(g => new JsonObject
        {
            ["group"] = g.Group, ["realShare"] = g.RealShare, ["syntheticShare"] = g.SynShare, ["realRate"] = g.RealRate, ["syntheticRate"] = g.SynRate,
        })]),
        ["metrics"] = new JsonArray(
            new JsonObject { ["name"] = "Demographic parity difference", ["real"] = 0.197, ["synthetic"] = 0.167 },
            new JsonObject { ["name"] = "Disparate impact ratio", ["real"] = 0.356, ["synthetic"] = 0.42 }),
    };

    private static IEnumerable<(int A, int B)> Pairs(int d)
    {
        for (int a = 0; a < d; a++) for (int b = a + 1; b < d; b++) yield return (a, b);
    }

    /// <summary>Shares that sum to 1 per side: a hump for numbers, a decaying tail for categories; synthetic a little off.</summary>
    private static JsonArray Bins(string[] labels, bool numerical, int seed)
    {
        int n = labels.Length;
        var real = Enumerable.Range(0, n).Select(k => numerical ? 1 + Math.Sin(Math.PI * (k + 0.5) / n) * 2 : Math.Pow(0.6, k)).ToArray();
        var syn = real.Select((v, k) => v * (1 + 0.08 * Math.Sin(k * 1.7 + seed))).ToArray();
        double rs = real.Sum(), ss = syn.Sum();
        return new JsonArray([.. labels.Select((l, k) => new JsonObject { ["label"] = l, ["real"] = Math.Round(real[k] / rs, 4), ["synthetic"] = Math.Round(syn[k] / ss, 4) })]);
    }

    /// <summary>A symmetric association matrix with a unit diagonal; the synthetic variant is slightly weaker.</summary>
    private static JsonArray Matrix(int d, int variant)
    {
        var rows = new JsonArray();
        for (int i = 0; i < d; i++)
        {
            var row = new JsonArray();
            for (int j = 0; j < d; j++)
            {
                double v = i == j ? 1 : Math.Sin((i + 1) * (j + 1) * 0.7 + (i + j)) * 0.8;
                if (variant == 1 && i != j) v = v * 0.9 + 0.03 * Math.Cos(i * j);
                row.Add(Math.Round(v, 3));
            }
            rows.Add(row);
        }
        return rows;
    }
}
