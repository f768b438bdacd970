using System.Text.Json.Nodes;
using Doppel.Data;
using Doppel.Evaluation.Reporting;
using Doppel.Metadata;

namespace Doppel.Evaluation.ML;

/// <summary>Adds the ML metrics to an <see cref="EvaluationReport"/> in the shape of docs/report-schema.md.</summary>
public static class ReportSections
{
    /// <summary>The detection section: cross-validated ROC AUC of a real-vs-synthetic classifier.</summary>
    public static void AddDetection(this EvaluationReport report, DetectionResult detection) =>
        report.Set("detection", new JsonObject
        {
            ["rocAuc"] = Number(detection.Auc), ["folds"] = detection.FoldAucs.Count, ["rowsPerClass"] = detection.RowsPerClass,
        });

    /// <summary>
    /// The detection section with what gives the synthetic rows away: feature importances, the top features' real
    /// and synthetic distributions, and the rows the detector is surest are synthetic (see docs/report-schema.md).
    /// </summary>
    public static void AddDetection(this EvaluationReport report, DetectionResult detection, Table real, Table synthetic, TableMetadata metadata)
    {
        report.AddDetection(detection);
        DetectionExplanation.Write((JsonObject)report.Json["detection"]!, detection, real, synthetic, metadata);
    }

    /// <summary>The utility section: train on synthetic vs train on real, both tested on the real holdout.</summary>
    public static void AddUtility(this EvaluationReport report, UtilityResult utility)
    {
        var metrics = new JsonArray();
        void Add(string name, Func<UtilityScores, double?> pick)
        {
            if (pick(utility.Trtr) is null && pick(utility.Tstr) is null) return;
            metrics.Add(new JsonObject
            {
                ["name"] = name, ["real"] = Number(pick(utility.Trtr)), ["synthetic"] = Number(pick(utility.Tstr)), ["ratio"] = Number(pick(utility.Ratio)),
            });
        }
        Add("ROC AUC", s => s.Auc);
        Add("Accuracy", s => s.Accuracy);
        Add("Macro F1", s => s.MacroF1);
        Add("Minority-class F1", s => s.MinorityF1);
        Add("R²", s => s.R2);
        report.Set("utility", new JsonObject
        {
            ["target"] = utility.Target,
            ["task"] = utility.Task == PredictionTask.Regression ? "regression" : "classification",
            ["minorityClass"] = utility.MinorityClass,
            ["metrics"] = metrics,
            ["notes"] = new JsonArray([.. utility.Notes.Select(n => (JsonNode?)n)]),
        });
    }

    /// <summary>The fairness section: group shares and outcome rates, real vs synthetic, per sensitive column.</summary>
    public static void AddFairness(this EvaluationReport report, FairnessResult fairness)
    {
        var columns = new JsonArray();
        foreach (var column in fairness.Columns)
        {
            var metrics = new JsonArray
            {
                Metric("Demographic parity difference", column.RealParityDifference, column.SyntheticParityDifference),
                Metric("Disparate impact ratio", column.RealDisparateImpact, column.SyntheticDisparateImpact),
            };
            if (column.TrtrEqualizedOddsDifference is not null || column.TstrEqualizedOddsDifference is not null)
                metrics.Add(Metric("Equalized odds difference (model trained on real / synthetic)", column.TrtrEqualizedOddsDifference, column.TstrEqualizedOddsDifference));
            columns.Add(new JsonObject
            {
                ["column"] = column.Column,
                ["positiveClass"] = fairness.PositiveClass,
                ["groups"] = new JsonArray([.. column.Groups.Select(g => (JsonNode?)new JsonObject
                {
                    ["group"] = g.Group, ["realShare"] = Number(g.RealShare), ["syntheticShare"] = Number(g.SyntheticShare),
                    ["realRate"] = Number(g.RealPositiveRate), ["syntheticRate"] = Number(g.SyntheticPositiveRate),
                })]),
                ["metrics"] = metrics,
            });
        }
        report.Set("fairness", columns);
    }

    private static JsonObject Metric(string name, double? real, double? synthetic) =>
        new() { ["name"] = name, ["real"] = Number(real), ["synthetic"] = Number(synthetic) };

    private static JsonNode? Number(double? value) => value is { } v && double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null;
}
