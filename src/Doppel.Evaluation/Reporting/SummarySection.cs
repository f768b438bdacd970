using System.Text.Json.Nodes;
using static Doppel.Evaluation.Reporting.ReportFormat;

namespace Doppel.Evaluation.Reporting;

/// <summary>The verdict box and the headline cards: what a reader who stops after the first screen should know.</summary>
internal static class SummarySection
{
    private static readonly string[] Levels = ["excellent", "good", "fair", "poor"];

    public static void Write(Html html, JsonObject report)
    {
        ReportHtml.BeginSection(html, "summary");
        Verdict(html, report.Obj("verdict"));
        var cards = report.Objects("headline").ToList();
        if (cards.Count == 0)
        {
            html.NotComputed("The report has no headline metrics.");
        }
        else
        {
            html.Raw("<div class=\"cards\">\n");
            foreach (var card in cards) Card(html, card);
            html.Raw("</div>\n");
        }
        ReportHtml.EndSection(html);
    }

    private static void Verdict(Html html, JsonObject? verdict)
    {
        string level = LevelOf(verdict.Str("level"));
        html.Raw($"<div class=\"verdict lvl-{level}\">\n<div class=\"level\">")
            .Text(level == "none" ? "Verdict" : "Verdict: " + level).Raw("</div>\n<p>")
            .Text(verdict.Str("text") ?? "No verdict was computed.").Raw("</p>\n</div>\n");
    }

    /// <summary>
    /// One headline metric. Its colour comes from an explicit <c>level</c> when the report carries one; otherwise
    /// from how far the value is from its best (the ceiling when there is one, 0.5 for "half").
    /// </summary>
    private static void Card(Html html, JsonObject card)
    {
        double? value = card.Num("value"), ceiling = card.Num("ceiling");
        string better = card.Str("better") ?? "higher";
        string level = card.Has("level") ? LevelOf(card.Str("level")) : Judge(value, ceiling, better);
        html.Raw($"<div class=\"card lvl-{level}\">")
            .Raw("<div class=\"name\">").Text(card.Str("name") ?? "Metric").Raw("</div>")
            .Raw("<div class=\"value\">").Text(Score(value)).Raw("</div>");
        if (IsFinite(ceiling))
            html.Raw("<div class=\"ceiling\">").Text($"ceiling {Score(ceiling)}").Raw("</div>");
        if (card.Str("text") is { } text) html.Raw("<div class=\"text\">").Text(text).Raw("</div>");
        html.Raw("<div class=\"sense\">").Text(Interpretation(value, ceiling, better)).Raw("</div></div>\n");
    }

    private static string Interpretation(double? value, double? ceiling, string better)
    {
        bool known = IsFinite(value);
        return better switch
        {
            "half" => known ? $"Closest to 0.5 is best; {Score(Math.Abs(value!.Value - 0.5))} away." : "Closest to 0.5 is best.",
            "lower" => "Lower is better.",
            _ when known && IsFinite(ceiling) && ceiling > 0 =>
                $"Higher is better; {Percent(Math.Round(value!.Value / ceiling!.Value, 3))} of what a real holdout reaches.",
            _ => "Higher is better.",
        };
    }

    /// <summary>A fallback colour for a headline value. Only guides the eye; the verdict is the engine's.</summary>
    private static string Judge(double? value, double? ceiling, string better)
    {
        if (!IsFinite(value)) return "none";
        double v = value!.Value;
        return better switch
        {
            "half" => Math.Abs(v - 0.5) <= 0.05 ? "good" : Math.Abs(v - 0.5) <= 0.15 ? "fair" : "poor",
            "lower" => v <= 0.05 ? "good" : v <= 0.2 ? "fair" : "poor",
            _ when IsFinite(ceiling) => ceiling!.Value - v <= 0.02 ? "good" : ceiling.Value - v <= 0.08 ? "fair" : "poor",
            _ => v >= 0.9 ? "good" : v >= 0.75 ? "fair" : "poor",
        };
    }

    private static string LevelOf(string? level) => level is not null && Levels.Contains(level) ? level : "none";
}
