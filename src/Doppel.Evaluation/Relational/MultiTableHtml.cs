using System.Globalization;
using System.Net;
using System.Text;
using Doppel.Evaluation.Sequences;

namespace Doppel.Evaluation.Relational;

/// <summary>
/// A self-contained HTML page for a <see cref="MultiTableQuality"/>: the four properties, the schema as a list of
/// relationships with each one's scores, and per relationship the children-per-parent histograms, real against
/// synthetic, as inline SVG (no scripts, no external files).
/// </summary>
public static class MultiTableHtml
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The page.</summary>
    public static string Render(MultiTableQuality q, string title)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}")
            .Append("th:first-child,td:first-child{text-align:left}.bad{background:#fde2e2}.card{display:inline-block;margin:.5rem 1.5rem .5rem 0}.card b{font-size:1.6rem;display:block}")
            .Append("figure{display:inline-block;margin:.5rem 1rem .5rem 0}figcaption{font-size:.8rem;max-width:22rem}</style></head><body>");
        html.Append("<h1>").Append(E(title)).Append("</h1>");
        foreach (var (name, value) in new[] { ("Overall", q.Overall), ("Cardinality", q.Cardinality), ("Intertable Trends", q.IntertableTrends), ("Column Shapes", q.ColumnShapes), ("Column Pair Trends", q.ColumnPairTrends), ("Referential integrity", q.ReferentialIntegrity), ("Cardinality bounds", q.CardinalityBoundaryAdherence) })
            html.Append("<div class=\"card\"><b>").Append(F(value)).Append("</b>").Append(E(name)).Append("</div>");
        html.Append("<h2>Schema: relationships</h2><table><tr><th>child → parent</th><th>Cardinality</th><th>Intertable Trends</th><th>(all pairs)</th><th>Referential integrity</th><th>Cardinality bounds</th></tr>");
        foreach (var r in q.Relationships)
        {
            html.Append("<tr><td>").Append(E(r.Relationship)).Append("</td><td>").Append(F(r.Cardinality)).Append("</td><td>").Append(F(r.IntertableTrends))
                .Append("</td><td>").Append(F(r.IntertableTrendsAllPairs)).Append("</td><td").Append(r.ReferentialIntegrity < 1 ? " class=\"bad\"" : "").Append('>').Append(F(r.ReferentialIntegrity))
                .Append("</td><td").Append(r.CardinalityBoundaryAdherence < 1 ? " class=\"bad\"" : "").Append('>').Append(F(r.CardinalityBoundaryAdherence)).Append("</td></tr>");
        }
        html.Append("</table><h2>Children per parent (real grey, synthetic blue)</h2>");
        foreach (var r in q.Relationships) html.Append(Histogram(r.RealChildren, r.SyntheticChildren, r.Relationship, "children"));
        html.Append("<h2>Tables</h2><table><tr><th>table</th><th>Column Shapes</th><th>Column Pair Trends</th><th>Quality</th><th>Accuracy</th></tr>");
        foreach (var (name, t) in q.Tables)
            html.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(F(t.Quality.ColumnShapes)).Append("</td><td>").Append(F(t.Quality.ColumnPairTrends))
                .Append("</td><td>").Append(F(t.Quality.Overall)).Append("</td><td>").Append(F(t.Accuracy.Overall)).Append("</td></tr>");
        html.Append("</table>");
        foreach (var sequence in q.Sequences) html.Append(SequenceHtml.Render(sequence));
        html.Append("<p>Definitions: GUIDE sections 9 and 10 and docs/metrics.md (SDMetrics ≥ 0.27 multi-table metrics; sequences: MOSTLY QA and SDMetrics sequence metrics).</p></body></html>\n");
        return html.ToString();
    }

    /// <summary>Shares of parents per children count (or entities per length), real and synthetic side by side (counts above 40 pooled into the last bar).</summary>
    internal static string Histogram(IReadOnlyList<long> realCounts, IReadOnlyList<long> syntheticCounts, string caption, string unit)
    {
        const int bars = 41, width = 330, height = 90;
        double[] Shares(IReadOnlyList<long> counts)
        {
            var shares = new double[bars];
            double total = counts.Sum();
            for (int k = 0; k < counts.Count; k++) shares[Math.Min(k, bars - 1)] += total == 0 ? 0 : counts[k] / total;
            return shares;
        }
        var real = Shares(realCounts);
        var synthetic = Shares(syntheticCounts);
        int used = Math.Max(1, Math.Min(bars, Math.Max(realCounts.Count, syntheticCounts.Count)));
        double top = Math.Max(real.Max(), synthetic.Max());
        double step = (double)width / used;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<figure><svg width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{E(unit)} histogram\">");
        for (int k = 0; k < used; k++)
        {
            double hr = top == 0 ? 0 : real[k] / top * (height - 10), hs = top == 0 ? 0 : synthetic[k] / top * (height - 10);
            svg.Append(string.Format(Invariant, "<rect x=\"{0:0.#}\" y=\"{1:0.#}\" width=\"{2:0.#}\" height=\"{3:0.#}\" fill=\"#aaa\"/>", k * step, height - hr, step / 2, hr));
            svg.Append(string.Format(Invariant, "<rect x=\"{0:0.#}\" y=\"{1:0.#}\" width=\"{2:0.#}\" height=\"{3:0.#}\" fill=\"#3b7dd8\"/>", k * step + step / 2, height - hs, step / 2, hs));
        }
        svg.Append("</svg><figcaption>").Append(E(caption)).Append(CultureInfo.InvariantCulture, $": 0 to {used - 1}{(used == bars ? "+" : "")} {unit}").Append("</figcaption></figure>");
        return svg.ToString();
    }

    internal static string F(double value) => double.IsFinite(value) ? value.ToString("0.000", Invariant) : "n/a";

    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
