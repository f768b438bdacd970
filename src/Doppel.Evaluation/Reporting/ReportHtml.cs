using System.Globalization;
using System.Text.Json.Nodes;
using static System.FormattableString;

namespace Doppel.Evaluation.Reporting;

/// <summary>
/// Renders an evaluation report (the JSON document of <c>docs/report-schema.md</c>, schema version 1) as one
/// self-contained HTML page: inline CSS and hand-written SVG charts, no scripts, fonts, images or links to fetch,
/// so it opens offline and prints on A4.
/// </summary>
/// <remarks>
/// Every section tolerates being null, missing or partly malformed: it then says "not computed" (with the option
/// that would compute it, when that is clear). All text is escaped, since column names and categories are user
/// data; numbers use the invariant culture and null or NaN prints as "n/a". The markup is also well-formed XML.
/// Rendering is a pure function of the document: the same report gives the same page.
/// </remarks>
public static class ReportHtml
{
    /// <summary>The schema version this renderer was written for.</summary>
    private const int SchemaVersion = 1;

    /// <summary>Renders <paramref name="report"/> as a complete HTML5 page.</summary>
    /// <param name="report">The report document (see <c>docs/report-schema.md</c>).</param>
    /// <returns>The page, UTF-8 text beginning with <c>&lt;!DOCTYPE html&gt;</c>.</returns>
    public static string Render(JsonObject report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new Html();
        string real = report.Obj("inputs").Obj("real").Str("file") ?? "real data";
        string synthetic = report.Obj("inputs").Obj("synthetic").Str("file") ?? "synthetic data";

        html.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
            .Raw("<meta name=\"generator\" content=\"").Text(report.Str("engine") ?? "doppel").Raw("\"/>\n")
            .Raw("<title>").Text($"Doppel report: {synthetic} vs {real}").Raw("</title>\n")
            .Raw("<style>\n").Raw(ReportStyle.Css).Raw("</style>\n</head>\n<body>\n<main>\n");

        Header(html, report, real, synthetic);
        SummarySection.Write(html, report);
        FidelitySection.Write(html, report);
        DistributionSection.Write(html, report);
        CorrelationSection.Write(html, report);
        DiagnosticsSection.Write(html, report);
        PrivacySection.Write(html, report);
        UtilitySection.Write(html, report);
        FairnessSection.Write(html, report);
        ManifestSection.Write(html, report);
        Footer(html, report);

        html.Raw("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The sections in page order, as (anchor, title), for the contents line.</summary>
    internal static readonly (string Id, string Title)[] Sections =
    [
        ("summary", "Summary"),
        ("fidelity", "Fidelity"),
        ("distributions", "Distributions"),
        ("correlations", "Correlations"),
        ("diagnostics", "Diagnostics"),
        ("privacy", "Privacy risk"),
        ("utility", "Detection and utility"),
        ("fairness", "Fairness"),
        ("provenance", "Provenance"),
    ];

    /// <summary>Opens a section with its anchor and heading.</summary>
    internal static void BeginSection(Html html, string id)
    {
        string title = Sections.First(s => s.Id == id).Title;
        html.Raw($"<section id=\"{id}\">\n").Element("h2", title).Raw("\n");
    }

    /// <summary>Closes a section.</summary>
    internal static void EndSection(Html html) => html.Raw("</section>\n");

    private static void Header(Html html, JsonObject report, string real, string synthetic)
    {
        html.Raw("<header>\n").Element("h1", $"Synthetic data report: {synthetic}").Raw("\n");
        string when = Date(report.Str("createdUtc"));
        html.Raw("<p class=\"subtitle\">").Text($"{synthetic} compared with the real data {real}")
            .Text(when.Length > 0 ? $" \u00b7 {when}" : "")
            .Text(report.Str("engine") is { } engine ? $" \u00b7 {engine}" : "").Raw("</p>\n");

        string format = report.Str("format") ?? "";
        double version = report.Num("version") ?? 0;
        if (format != "doppel-report")
            html.Raw("<p class=\"warning\">").Text($"This document does not say it is a Doppel report (format \"{format}\"); the page shows what it can read.").Raw("</p>\n");
        else if (version > SchemaVersion)
            html.Raw("<p class=\"warning\">").Text(Invariant($"This report uses schema version {version}, newer than this page knows ({SchemaVersion}); some parts may be missing.")).Raw("</p>\n");

        var inputs = report.Obj("inputs");
        html.Raw("<ul class=\"meta\">\n");
        Input(html, "Real", inputs.Obj("real"));
        Input(html, "Synthetic", inputs.Obj("synthetic"));
        if (inputs.Obj("holdout") is { } holdout) Input(html, "Holdout", holdout);
        else html.Raw("<li><b>Holdout</b> none</li>\n");
        html.Raw("<li><b>Target</b> ").Text(inputs.Str("target") ?? "none").Raw("</li>\n");
        var sensitive = inputs.Arr("sensitive")?.Select(ReportJson.AsString).OfType<string>().ToArray() ?? [];
        html.Raw("<li><b>Sensitive</b> ").Text(sensitive.Length == 0 ? "none" : string.Join(", ", sensitive)).Raw("</li>\n</ul>\n");

        html.Raw("<nav class=\"toc\">");
        foreach (var (id, title) in Sections) html.Raw($"<a href=\"#{id}\">").Text(title).Raw("</a>");
        html.Raw("</nav>\n</header>\n");
    }

    private static void Input(Html html, string role, JsonObject? input)
    {
        html.Raw("<li><b>").Text(role).Raw("</b> ");
        if (input is null) html.Text("not given");
        else
            html.Text(input.Str("file") ?? "(unnamed)")
                .Text($" \u2014 {ReportFormat.Count(input.Num("rows"))} rows \u00d7 {ReportFormat.Count(input.Num("columns"))} columns");
        html.Raw("</li>\n");
    }

    private static void Footer(Html html, JsonObject report)
    {
        html.Raw("<footer>\n<p>Metric definitions: <code>docs/metrics.md</code> in the Doppel repository ")
            .Text("(SDMetrics-compatible quality, MOSTLY AI QA-compatible accuracy, Gower-distance privacy measures and the Anonymeter method). ")
            .Text("Score colours in tables only guide the eye: green \u2265 0.95, amber \u2265 0.85, red below.")
            .Raw("</p>\n<p>")
            .Text($"Generated by {report.Str("engine") ?? "Doppel"}")
            .Text(Date(report.Str("createdUtc")) is { Length: > 0 } when ? $" on {when}" : "")
            .Text($"; report format {report.Str("format") ?? "unknown"}, version {ReportFormat.Count(report.Num("version"))}.")
            .Raw("</p>\n</footer>\n");
    }

    /// <summary>An ISO 8601 time as "2026-11-25 16:00 UTC"; anything else as given.</summary>
    private static string Date(string? iso)
    {
        if (string.IsNullOrWhiteSpace(iso)) return "";
        return DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : iso;
    }
}
