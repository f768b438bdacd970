using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Doppel.Evaluation.Reporting;

namespace Doppel.Tests;

public partial class ReportHtmlTests
{
    private static readonly string[] SectionTitles =
        ["Summary", "Fidelity", "Distributions", "Correlations", "Diagnostics", "Privacy risk", "Detection and utility", "Fairness", "Provenance"];

    [Fact]
    public void Render_ShowsHeadlineNumbersAndInputs()
    {
        string page = ReportHtml.Render(SampleReport.Make());
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        foreach (var number in new[] { "0.972", "0.988", "0.915", "0.613", "0.512" })
            Assert.Contains($">{number}<", page, StringComparison.Ordinal);
        Assert.Contains("ceiling 0.988", page, StringComparison.Ordinal);
        Assert.Contains("98.4% of what a real holdout reaches", page, StringComparison.Ordinal);
        Assert.Contains("adult.csv \u2014 32,561 rows \u00d7 7 columns", page, StringComparison.Ordinal);
        Assert.Contains("2026-11-25 16:00 UTC", page, StringComparison.Ordinal);
        Assert.Contains("verdict lvl-good", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EscapesUserText()
    {
        string page = ReportHtml.Render(SampleReport.Make());
        Assert.DoesNotContain("<b>&", page, StringComparison.Ordinal);
        Assert.DoesNotContain("&\"x\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert('x')", page, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("O&#39;Brien &amp; Sons", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EscapesControlCharactersAndLoneSurrogates()
    {
        var report = SampleReport.Make();
        report["inputs"]!["real"]!["file"] = "bad\u0001name\ud800.csv";
        string page = ReportHtml.Render(report);
        Assert.Contains("bad\ufffdname\ufffd.csv", page, StringComparison.Ordinal);
        ParseXml(page);
    }

    [Fact]
    public void Render_ShowsEverySection()
    {
        string page = ReportHtml.Render(SampleReport.Make());
        foreach (var title in SectionTitles) Assert.Contains($"<h2>{title}</h2>", page, StringComparison.Ordinal);
        foreach (var sub in new[] { "Accuracy (MOSTLY AI QA-compatible)", "Quality (SDMetrics Quality Report)", "Per column", "Worst column pairs",
            "Attack risks (Anonymeter method)", "Membership inference", "Detection", "Utility (train on synthetic, test on real)", "By sex" })
            Assert.Contains($"<h3>{sub}</h3>", page, StringComparison.Ordinal);
        Assert.Contains("docs/metrics.md", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Not computed", page, StringComparison.Ordinal);
        // Sections in the order the brief gives.
        var positions = SectionTitles.Select(t => page.IndexOf($"<h2>{t}</h2>", StringComparison.Ordinal)).ToArray();
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Render_JoinsPerColumnScoresAndShowsBothQualityVariants()
    {
        string page = ReportHtml.Render(SampleReport.Make());
        // workclass: accuracy 0.995, TVComplement 0.960, missing 0.998, in one row.
        Assert.Matches(@"<tr><td class=""label"">workclass</td><td[^>]*>0\.995</td><td>TVComplement</td><td[^>]*>0\.960</td><td[^>]*>0\.998</td></tr>", page);
        Assert.Contains(">0.879<", page, StringComparison.Ordinal);
        Assert.Contains(">0.902<", page, StringComparison.Ordinal);
        Assert.Contains(">0.926<", page, StringComparison.Ordinal);
        Assert.Contains("The 10 lowest-scoring of 21 pairs", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ManyCategories_ShowsTopBinsOnly()
    {
        string page = ReportHtml.Render(SampleReport.Make());
        Assert.Contains("(5 more categories)", page, StringComparison.Ordinal);
        Assert.Contains("The 11 largest of 16 bins are shown", page, StringComparison.Ordinal);
        // A long label is truncated in the chart but whole in its tooltip.
        Assert.Contains("a-very-long-category-\u2026", page, StringComparison.Ordinal);
        Assert.Contains("<title>a-very-long-category-label-that-needs-truncation-in-charts: real", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NullSections_SayNotComputedWithTheReason()
    {
        var report = SampleReport.Make();
        foreach (var section in new[] { "accuracy", "quality", "diagnostics", "distributions", "correlations", "privacy", "detection", "utility", "fairness", "manifest", "verdict", "headline" })
            report[section] = null;
        report["inputs"]!["holdout"] = null;
        report["inputs"]!["target"] = null;
        report["inputs"]!["sensitive"] = new JsonArray();

        string page = ReportHtml.Render(report);
        foreach (var title in SectionTitles) Assert.Contains($"<h2>{title}</h2>", page, StringComparison.Ordinal);
        Assert.Contains("pass --holdout to compute privacy risk", page, StringComparison.Ordinal);
        Assert.Contains("Pass --target (and --holdout) to compute utility.", page, StringComparison.Ordinal);
        Assert.Contains("Pass --sensitive (and --target) to compare groups.", page, StringComparison.Ordinal);
        Assert.Contains("No verdict was computed.", page, StringComparison.Ordinal);
        Assert.True(Regex.Count(page, "Not computed\\.") >= 12, "every missing section says so");
        Assert.DoesNotContain("<svg", page, StringComparison.Ordinal);
        ParseXml(page);
    }

    [Fact]
    public void Render_EmptyOrForeignDocument_StillRenders()
    {
        string empty = ReportHtml.Render([]);
        Assert.Contains("does not say it is a Doppel report", empty, StringComparison.Ordinal);
        ParseXml(empty);

        var newer = SampleReport.Make();
        newer["version"] = 2;
        newer["accuracy"] = "not an object";
        newer["headline"]![0]!["value"] = "0.972";
        Assert.Contains("newer than this page knows", ReportHtml.Render(newer), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NaNAndNullNumbers_PrintAsNotAvailable()
    {
        var report = SampleReport.Make();
        report["headline"]![0]!["value"] = double.NaN;
        report["headline"]![1]!["value"] = null;
        report["accuracy"]!["bivariate"] = "NaN";
        report["privacy"]!["nndrMedian"] = double.PositiveInfinity;
        report["correlations"]!["real"]![0]![1] = null;
        string page = ReportHtml.Render(report);
        Assert.Equal(2, Regex.Count(page, "<div class=\"value\">n/a</div>"));
        Assert.DoesNotContain("NaN", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", page, StringComparison.Ordinal);
        Assert.DoesNotContain("\u221e", page, StringComparison.Ordinal);
        Assert.Contains("age \u00d7 workclass: n/a", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MembershipInference_ShowsTheDpBoundOrSaysThereIsNone()
    {
        var report = SampleReport.Make();
        string page = ReportHtml.Render(report);
        Assert.Contains(">0.462<", page, StringComparison.Ordinal); // the bound for ε = 1, δ = 1e-6
        Assert.Contains("\u03b5 = 1.000, \u03b4 = 1E-06", page, StringComparison.Ordinal);
        Assert.Contains("chance \u2264 0.019", page, StringComparison.Ordinal);
        Assert.DoesNotContain("No formal bound", page, StringComparison.Ordinal);

        report["privacy"]!["membershipInference"]!["dpBound"] = null;
        page = ReportHtml.Render(report);
        Assert.Contains(">none<", page, StringComparison.Ordinal);
        Assert.Contains("No formal bound", page, StringComparison.Ordinal);

        // A report of an earlier minor revision has no membership result: no subsection, no complaint.
        report["privacy"]!.AsObject().Remove("membershipInference");
        page = ReportHtml.Render(report);
        Assert.DoesNotContain("<h3>Membership inference</h3>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Not computed", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_IgnoresTheCurrentCulture()
    {
        var report = SampleReport.Make();
        string expected = ReportHtml.Render(report);
        var previous = CultureInfo.CurrentCulture;
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        comma.NumberFormat.PercentDecimalSeparator = ",";
        try
        {
            CultureInfo.CurrentCulture = comma;
            Assert.Equal(expected, ReportHtml.Render(report));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Render_IsSelfContained()
    {
        string page = ReportHtml.Render(SampleReport.Make());
        foreach (var forbidden in new[] { "src=\"http", "href=\"http", "@import", "url(", "http://", "https://", "<script", "<link", "<img", "<iframe", "@font-face" })
            Assert.DoesNotContain(forbidden, page, StringComparison.OrdinalIgnoreCase);
        // The only links are anchors within the page.
        foreach (Match href in Regex.Matches(page, "href=\"([^\"]*)\""))
            Assert.StartsWith("#", href.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("@media print", page, StringComparison.Ordinal);
        Assert.Contains("break-inside: avoid", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PageAndEverySvgAreWellFormedXml()
    {
        string page = ReportHtml.Render(SampleReport.Make());
        var document = ParseXml(page);
        var svgs = SvgFragment().Matches(page);
        Assert.Equal(7 + 3, svgs.Count); // one chart per column, three heatmaps
        foreach (Match svg in svgs)
        {
            var element = XElement.Parse(svg.Value);
            Assert.NotNull(element.Attribute("viewBox"));
            Assert.NotEmpty(element.Elements());
        }
        Assert.Equal(10, document.Descendants("svg").Count());
        Assert.Equal(7, document.Descendants("figure").Count(f => f.Ancestors("section").Any(s => (string?)s.Attribute("id") == "distributions")));
    }

    [Fact]
    public void Render_FifteenColumns_StaysSmallAndLegible()
    {
        var report = SampleReport.Make(extraColumns: 8);
        string page = ReportHtml.Render(report);
        int bytes = System.Text.Encoding.UTF8.GetByteCount(page);
        Assert.True(bytes < 400_000, $"a 15-column report is {bytes:N0} bytes");
        Assert.Equal(15 + 3, SvgFragment().Count(page));
        ParseXml(page);

        var wide = SampleReport.Make(extraColumns: 53); // 60 columns: cells hit the minimum size, no tooltips
        string large = ReportHtml.Render(wide);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(large) < 2_000_000);
        Assert.Contains("width=\"12\" height=\"12\"", large, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_IsDeterministic()
    {
        Assert.Equal(ReportHtml.Render(SampleReport.Make()), ReportHtml.Render(SampleReport.Make()));
    }

    [Fact]
    public void Render_ParsedFromJsonText_MatchesBuiltDocument()
    {
        var built = SampleReport.Make();
        var parsed = JsonNode.Parse(built.ToJsonString())!.AsObject();
        Assert.Equal(ReportHtml.Render(built), ReportHtml.Render(parsed));
    }

    internal static XDocument ParseXml(string page)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(page), settings);
        return XDocument.Load(reader);
    }

    [GeneratedRegex("<svg[\\s\\S]*?</svg>")]
    private static partial Regex SvgFragment();
}
