using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Doppel.Evaluation.Reporting;

namespace Doppel.Cli;

/// <summary>The one-screen text summary of a report, and its HTML page.</summary>
internal static class ReportSummary
{
    public static string Text(EvaluationReport report)
    {
        var json = report.Json;
        var text = new StringBuilder();
        bool failure = json["verdict"]?["privacyFailure"] is JsonValue f && f.TryGetValue(out bool b) && b;
        text.AppendLine(CultureInfo.InvariantCulture, $"Verdict: {json["verdict"]?["level"]}{(failure ? " (PRIVACY FAILURE)" : "")}");
        text.AppendLine(json["verdict"]?["text"]?.ToString());
        text.AppendLine();
        foreach (var card in json["headline"]?.AsArray() ?? [])
        {
            string value = Format(card?["value"]);
            string ceiling = card?["ceiling"] is null ? "" : $" (ceiling {Format(card["ceiling"])})";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {card?["name"],-20} {value}{ceiling}");
        }
        if (json["privacy"]?["membershipInference"] is JsonObject m)
        {
            string bound = m["dpBound"] is JsonObject dp
                ? $"DP bound {Format(dp["advantageBound"])} (epsilon {Format(dp["epsilon"])}, delta {dp["delta"]})"
                : "no formal bound";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {"Membership attack",-20} AUC {Format(m["auc"])} ({Format(m["aucLow"])}-{Format(m["aucHigh"])}), advantage {Format(m["advantage"])} (chance <= {Format(m["nullAdvantage95"])}); {bound}");
        }
        if (json["detection"]?["features"] is JsonArray features && features.Count > 0)
            text.Append("  Gives it away        ").AppendLine(string.Join(", ",
                features.Take(3).Select(f => $"{f?["column"]} (detection AUC {Format(f?["importance"])} lower when shuffled)")));
        return text.ToString();
    }

    public static string Html(EvaluationReport report) => ReportHtml.Render(report.Json);

    private static string Format(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out double d) ? d.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";
}
