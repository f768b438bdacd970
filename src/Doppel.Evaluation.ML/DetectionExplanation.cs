using System.Text.Json.Nodes;
using Doppel.Data;
using Doppel.Evaluation.Reporting;
using Doppel.IO;
using Doppel.Metadata;

namespace Doppel.Evaluation.ML;

/// <summary>
/// What gives synthetic rows away, in the detection section's JSON (docs/report-schema.md): every feature's
/// importance, the real and synthetic distributions of the top ones, and the synthetic rows the detector is surest
/// about, spelled as the output writer spells them.
/// </summary>
internal static class DetectionExplanation
{
    /// <summary>Features whose distributions are shown (those with some importance).</summary>
    public const int Giveaways = 5;

    public static void Write(JsonObject section, DetectionResult detection, Table real, Table synthetic, TableMetadata metadata)
    {
        section["features"] = new JsonArray([.. detection.Features.Select(f => (JsonNode?)new JsonObject
        {
            ["column"] = f.Column, ["importance"] = EvaluationReport.Number(f.Importance),
        })]);
        var giveaways = new JsonArray();
        foreach (var feature in detection.Features.Where(f => f.Importance > 0).Take(Giveaways))
        {
            var distribution = BinnedDistribution.Of(real, synthetic, metadata.Find(feature.Column)!);
            distribution["importance"] = EvaluationReport.Number(feature.Importance);
            giveaways.Add(distribution);
        }
        section["giveaways"] = giveaways;
        section["surestSynthetic"] = Surest(detection.SurestSynthetic, synthetic, metadata);
    }

    /// <summary>The surest rows with every column, formatted by the real data's metadata (precision, date format).</summary>
    private static JsonObject Surest(IReadOnlyList<SuspectRow> rows, Table synthetic, TableMetadata metadata)
    {
        var columns = metadata.Columns.Where(c => synthetic.Columns.Any(s => s.Name == c.Name)).ToArray();
        var formatters = columns.Select(c => new ValueFormatter(c, ',')).ToArray();
        var cells = columns.Select(c => synthetic[c.Name]).ToArray();
        return new JsonObject
        {
            ["columns"] = new JsonArray([.. columns.Select(c => (JsonNode?)c.Name)]),
            ["rows"] = new JsonArray([.. rows.Select(row => (JsonNode?)new JsonObject
            {
                ["syntheticRow"] = row.Row,
                ["score"] = EvaluationReport.Number(row.Score),
                ["values"] = new JsonArray([.. cells.Select((column, c) => (JsonNode?)formatters[c].Text(column, row.Row))]),
            })]),
        };
    }
}
