using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation.Reporting;

/// <summary>One input of an evaluation, as the report names it.</summary>
/// <param name="File">The file name.</param>
/// <param name="Rows">Rows.</param>
/// <param name="Columns">Columns.</param>
public sealed record ReportInput(string File, long Rows, int Columns);

/// <summary>
/// The evaluation report as the versioned JSON document of docs/report-schema.md. Sections are added as they are
/// computed; <see cref="Finish"/> derives the headline numbers and the plain-words verdict from whatever is present.
/// </summary>
public sealed class EvaluationReport
{
    /// <summary>The schema version written.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private EvaluationReport(JsonObject json) => Json = json;

    /// <summary>The report document.</summary>
    public JsonObject Json { get; }

    /// <summary>Starts a report for the given inputs.</summary>
    public static EvaluationReport Start(string engine, ReportInput real, ReportInput synthetic, ReportInput? holdout, string? target, IReadOnlyList<string> sensitive)
    {
        static JsonNode? Input(ReportInput? input) => input is null ? null
            : new JsonObject { ["file"] = input.File, ["rows"] = input.Rows, ["columns"] = input.Columns };
        var json = new JsonObject
        {
            ["format"] = "doppel-report",
            ["version"] = SchemaVersion,
            ["engine"] = engine,
            ["createdUtc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["inputs"] = new JsonObject
            {
                ["real"] = Input(real), ["synthetic"] = Input(synthetic), ["holdout"] = Input(holdout),
                ["target"] = target, ["sensitive"] = new JsonArray([.. sensitive.Select(s => (JsonNode?)s)]),
            },
            ["verdict"] = null, ["headline"] = new JsonArray(), ["accuracy"] = null, ["quality"] = null, ["diagnostics"] = null,
            ["distributions"] = new JsonArray(), ["correlations"] = null, ["privacy"] = null, ["detection"] = null,
            ["utility"] = null, ["fairness"] = null, ["manifest"] = null,
        };
        return new EvaluationReport(json);
    }

    /// <summary>Records why a section was not computed (shown instead of the section).</summary>
    public void Skip(string section, string reason)
    {
        if (Json["skipped"] is not JsonObject skipped) Json["skipped"] = skipped = new JsonObject();
        skipped[section] = reason;
    }

    /// <summary>Sets a whole section (for sections computed elsewhere, such as the ML metrics).</summary>
    public void Set(string section, JsonNode? node) => Json[section] = node;

    /// <summary>The MOSTLY-compatible accuracy with its per-column and per-pair breakdown, and the holdout ceiling.</summary>
    public void AddAccuracy(AccuracyScore score, AccuracyScore? ceiling)
    {
        Json["accuracy"] = new JsonObject
        {
            ["univariate"] = Number(score.Univariate), ["bivariate"] = Number(score.Bivariate), ["overall"] = Number(score.Overall),
            ["ceiling"] = ceiling is null ? null : new JsonObject
            {
                ["univariate"] = Number(ceiling.Univariate), ["bivariate"] = Number(ceiling.Bivariate), ["overall"] = Number(ceiling.Overall),
            },
            ["columns"] = new JsonArray([.. score.Columns.Select(c => (JsonNode?)new JsonObject { ["column"] = c.Column, ["score"] = Number(c.Score) })]),
            ["pairs"] = new JsonArray([.. score.Pairs.Select(p => (JsonNode?)new JsonObject { ["a"] = p.A, ["b"] = p.B, ["score"] = Number(p.Score) })]),
        };
    }

    /// <summary>
    /// The Quality Report: <c>quality</c> computed exactly as SDMetrics 0.29 computes it (<see cref="QualityVariant.SdMetrics"/>),
    /// and <c>qualityDoppel</c>, Doppel's own variant, when given; each with its ≥ 0.27 and all-pairs scores and breakdowns.
    /// </summary>
    public void AddQuality(QualityScore sdMetrics, QualityScore? doppel = null)
    {
        Json["quality"] = Quality(sdMetrics);
        if (doppel is not null) Json["qualityDoppel"] = Quality(doppel);
    }

    private static JsonObject Quality(QualityScore score) =>
        new()
        {
            ["columnShapes"] = Number(score.ColumnShapes), ["columnPairTrends"] = Number(score.ColumnPairTrends), ["overall"] = Number(score.Overall),
            ["columnPairTrendsAllPairs"] = Number(score.ColumnPairTrendsAllPairs), ["overallAllPairs"] = Number(score.OverallAllPairs),
            ["columns"] = new JsonArray([.. score.Shapes.Select(c => (JsonNode?)new JsonObject { ["column"] = c.Column, ["metric"] = c.Metric, ["score"] = Number(c.Score) })]),
            ["pairs"] = new JsonArray([.. score.Pairs.Select(p => (JsonNode?)new JsonObject
            {
                ["a"] = p.ColumnA, ["b"] = p.ColumnB, ["metric"] = p.Metric, ["score"] = Number(p.Score),
                ["realAssociation"] = Number(p.RealAssociation), ["counted"] = p.Counted,
            })]),
            ["missingValues"] = new JsonArray([.. score.MissingValues.Select(m => (JsonNode?)new JsonObject { ["column"] = m.Column, ["score"] = Number(m.Score) })]),
        };

    /// <summary>The diagnostic checks (boundary and category adherence, coverage, key uniqueness).</summary>
    public void AddDiagnostics(DiagnosticsResult diagnostics) =>
        Json["diagnostics"] = new JsonObject
        {
            ["columns"] = new JsonArray([.. diagnostics.Checks.Select(c => (JsonNode?)new JsonObject { ["column"] = c.Column, ["check"] = c.Metric, ["score"] = Number(c.Score) })]),
        };

    /// <summary>The copy check: synthetic (and holdout) rows identical to training rows, against the training data's own duplicates.</summary>
    public void AddCopyCheck(CopyCheckResult check) =>
        Json["copyCheck"] = new JsonObject
        {
            ["identicalMatchShare"] = Number(check.IdenticalMatchShare), ["trainingDuplicateShare"] = Number(check.TrainingDuplicateShare),
            ["holdoutIdenticalMatchShare"] = Number(check.HoldoutIdenticalMatchShare), ["copy"] = check.IsCopy, ["holdoutOverlaps"] = check.HoldoutOverlaps,
        };

    /// <summary>Privacy risk: identical matches, distances to closest records, NNDR and the Anonymeter attacks.</summary>
    public void AddPrivacy(PrivacyRiskResult risk)
    {
        static JsonNode Attack(string name, AnonymeterRisk a) => new JsonObject
        {
            ["attack"] = name, ["risk"] = Number(a.Risk), ["low"] = Number(a.Low), ["high"] = Number(a.High),
            ["attackRate"] = Number(a.AttackRate), ["controlRate"] = Number(a.ControlRate), ["attacks"] = a.Attacks,
        };
        Json["privacy"] = new JsonObject
        {
            ["identicalMatchShare"] = Number(risk.IdenticalMatchShare), ["holdoutIdenticalMatchShare"] = Number(risk.HoldoutIdenticalMatchShare),
            ["dcrShare"] = Number(risk.DcrShare), ["dcrMedianSynthetic"] = Number(risk.MedianDcr), ["dcrMedianHoldout"] = Number(risk.HoldoutMedianDcr),
            ["nndrMedian"] = Number(risk.NndrMedian), ["nndr5thPercentile"] = Number(risk.NndrP5),
            ["comparedRows"] = risk.ComparedRows, ["queryRows"] = risk.QueryRows,
            ["anonymeter"] = new JsonArray(Attack("singling-out", risk.SinglingOut), Attack("linkability", risk.Linkability), Attack("inference", risk.Inference)),
            ["membershipInference"] = Membership(risk.MembershipInference),
        };
    }

    /// <summary>The membership-inference attack; <c>dpBound</c> is null when the model's budget is unknown (no formal bound).</summary>
    private static JsonObject Membership(MembershipInferenceResult m) => new()
    {
        ["auc"] = Number(m.Auc), ["aucLow"] = Number(m.AucLow), ["aucHigh"] = Number(m.AucHigh),
        ["advantage"] = Number(m.Advantage), ["nullAdvantage95"] = Number(m.NullAdvantage95), ["tprAtFpr10"] = Number(m.TprAtFpr10),
        ["members"] = m.Members, ["nonMembers"] = m.NonMembers, ["syntheticRows"] = m.SyntheticRows,
        ["dpBound"] = m.HasBound ? new JsonObject { ["epsilon"] = Number(m.Epsilon), ["delta"] = m.Delta, ["advantageBound"] = Number(m.Bound) } : null,
    };

    /// <summary>Real and synthetic shares per accuracy bin for every scored column (the distribution charts).</summary>
    public void AddDistributions(Table real, Table synthetic, TableMetadata metadata)
    {
        var array = new JsonArray();
        foreach (var column in metadata.Columns.Where(Binning.Scored)) array.Add(BinnedDistribution.Of(real, synthetic, column));
        Json["distributions"] = array;
    }

    /// <summary>Association matrices (see <see cref="Associations"/>) of the real and the synthetic data.</summary>
    public void AddCorrelations(Table real, Table synthetic, TableMetadata metadata)
    {
        var columns = metadata.Columns.Where(Binning.Scored).Select(c => c.Name).ToList();
        static JsonArray Matrix(double[,] m) => new([.. Enumerable.Range(0, m.GetLength(0))
            .Select(i => (JsonNode?)new JsonArray([.. Enumerable.Range(0, m.GetLength(1)).Select(j => (JsonNode?)Number(m[i, j]))]))]);
        Json["correlations"] = new JsonObject
        {
            ["columns"] = new JsonArray([.. columns.Select(c => (JsonNode?)c)]),
            ["real"] = Matrix(Associations.Compute(real, real, metadata, columns)),
            ["synthetic"] = Matrix(Associations.Compute(synthetic, real, metadata, columns)),
        };
    }

    /// <summary>Derives the headline numbers and the verdict from the sections present.</summary>
    public void Finish() => ReportVerdict.Apply(Json);

    /// <summary>The document as indented JSON.</summary>
    public string ToJsonString() => Json.ToJsonString(Indented);

    /// <summary>A JSON number rounded for readability, or null for NaN (JSON has no NaN).</summary>
    internal static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 6)) : null;
}
