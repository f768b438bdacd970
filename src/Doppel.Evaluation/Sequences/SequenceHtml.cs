using System.Globalization;
using System.Text;
using Doppel.Evaluation.Relational;

namespace Doppel.Evaluation.Sequences;

/// <summary>
/// A sequence table's part of the database report: its scores, per numerical column the per-sequence metrics and the
/// autocorrelation, the length histograms, and a few real and synthetic sequences drawn side by side (inline SVG).
/// </summary>
internal static class SequenceHtml
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(SequenceQuality s)
    {
        var html = new StringBuilder();
        html.Append("<h2>Sequences: ").Append(E(s.Table)).Append("</h2>");
        html.Append(Invariant, $"<p>{s.RealEntities:N0} real entities, {s.SyntheticEntities:N0} synthetic.{(s.Window is { } w ? $" Accuracy and per-sequence metrics over windows of {w} steps." : "")}</p>");
        html.Append("<table><tr><th>score</th><th>synthetic</th><th>holdout ceiling</th></tr>");
        void Row(string name, double value, double? ceiling) =>
            html.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(F(value)).Append("</td><td>").Append(ceiling is { } c ? F(c) : "n/a").Append("</td></tr>");
        var top = s.AccuracyCeiling;
        Row("Accuracy (MOSTLY QA-compatible)", s.Accuracy.Overall, top?.Overall);
        Row("univariate", s.Accuracy.Univariate, top?.Univariate);
        Row("bivariate", s.Accuracy.Bivariate, top?.Bivariate);
        Row("trivariate", s.Accuracy.Trivariate, top?.Trivariate);
        Row("coherence", s.Accuracy.Coherence, top?.Coherence);
        Row("SequenceLengthSimilarity", s.LengthSimilarity, null);
        Row("order holds (share of sequences)", s.OrderHolds, null);
        if (s.EntityDcrShare is { } dcr) Row($"entity DCR share (first {s.StepsCompared} steps; 0.5 ideal)", dcr, null);
        if (s.EntityIdenticalShare is { } ims) Row("entities identical to a training entity", ims, s.HoldoutEntityIdenticalShare);
        html.Append("</table>");

        var columns = s.InterRow.Select(r => r.Column).ToList();
        if (columns.Count > 0)
        {
            var lags = s.Autocorrelation.Select(a => a.Lag).Distinct().ToList();
            html.Append("<table><tr><th>column</th>");
            foreach (string stat in SequenceShapes.Statistics) html.Append("<th>StatisticMSAS ").Append(stat).Append("</th>");
            html.Append("<th>InterRowMSAS</th>");
            foreach (int lag in lags) html.Append(Invariant, $"<th>autocorrelation lag {lag} (real / synthetic)</th>");
            html.Append("</tr>");
            foreach (string column in columns)
            {
                html.Append("<tr><td>").Append(E(column)).Append("</td>");
                foreach (string stat in SequenceShapes.Statistics)
                    html.Append("<td>").Append(F(s.Statistics.FirstOrDefault(x => x.Column == column && x.Statistic == stat).Score)).Append("</td>");
                html.Append("<td>").Append(F(s.InterRow.First(x => x.Column == column).Score)).Append("</td>");
                foreach (int lag in lags)
                {
                    var a = s.Autocorrelation.FirstOrDefault(x => x.Column == column && x.Lag == lag);
                    html.Append("<td>").Append(F(a.Real)).Append(" / ").Append(F(a.Synthetic)).Append("</td>");
                }
                html.Append("</tr>");
            }
            html.Append("</table>");
        }
        html.Append("<h3>Sequence lengths (real grey, synthetic blue)</h3>")
            .Append(MultiTableHtml.Histogram(s.RealLengths, s.SyntheticLengths, s.Table, "steps"));
        if (s.Samples is { } samples)
        {
            html.Append("<h3>").Append(E(samples.Column)).Append(": real sequences (left) and synthetic ones (right)</h3>");
            html.Append(Lines(samples.Real, samples, "real")).Append(Lines(samples.Synthetic, samples, "synthetic"));
        }
        return html.ToString();
    }

    /// <summary>The sequences as lines over their step index, on the scale shared by both sides.</summary>
    private static string Lines(IReadOnlyList<double[]> sequences, SequenceSamples all, string side)
    {
        const int width = 330, height = 120;
        string[] colors = ["#3b7dd8", "#d8833b", "#3bb07d", "#b03bd8", "#777"];
        var values = all.Real.Concat(all.Synthetic).SelectMany(v => v).Where(double.IsFinite).ToArray();
        int steps = Math.Max(2, all.Real.Concat(all.Synthetic).Select(v => v.Length).DefaultIfEmpty(2).Max());
        double lo = values.Length == 0 ? 0 : values.Min(), hi = values.Length == 0 ? 1 : values.Max();
        if (hi == lo) hi = lo + 1;
        var svg = new StringBuilder();
        svg.Append(Invariant, $"<figure><svg width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{side} sequences\">");
        for (int k = 0; k < sequences.Count; k++)
        {
            var points = new StringBuilder();
            for (int t = 0; t < sequences[k].Length; t++)
            {
                if (!double.IsFinite(sequences[k][t])) continue;
                double x = t * (width - 4.0) / (steps - 1) + 2, y = height - 2 - (sequences[k][t] - lo) / (hi - lo) * (height - 4);
                points.Append(string.Format(Invariant, "{0:0.#},{1:0.#} ", x, y));
            }
            svg.Append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").Append(colors[k % colors.Length]).Append("\" points=\"").Append(points.ToString().TrimEnd()).Append("\"/>");
        }
        svg.Append("</svg><figcaption>").Append(Invariant, $"{sequences.Count} {side} sequences, {F(lo)} to {F(hi)}").Append("</figcaption></figure>");
        return svg.ToString();
    }

    private static string F(double value) => MultiTableHtml.F(value);

    private static string E(string text) => MultiTableHtml.E(text);
}
