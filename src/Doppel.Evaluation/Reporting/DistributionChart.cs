using static Doppel.Evaluation.Reporting.ReportFormat;
using static System.FormattableString;

namespace Doppel.Evaluation.Reporting;

/// <summary>One bin of a distribution chart: its label and the share of rows in it on each side.</summary>
/// <param name="Label">The bin label (user data).</param>
/// <param name="Real">Share of real rows, or null.</param>
/// <param name="Synthetic">Share of synthetic rows, or null.</param>
internal readonly record struct ChartBin(string Label, double? Real, double? Synthetic);

/// <summary>
/// Hand-written SVG bar charts of one column's distribution, real and synthetic side by side. Categories become
/// horizontal bars (labels stay readable), largest first, the tail beyond <see cref="MaxCategories"/> merged into
/// one bar; numeric bins stay in order as vertical bars with rotated labels when they would collide. Every bar group
/// carries a tooltip with the full label and both shares.
/// </summary>
internal static class DistributionChart
{
    /// <summary>Categories shown before the rest is merged into one bar.</summary>
    public const int MaxCategories = 12;

    /// <summary>Numeric bins shown; more are cut with a note (the report's bins are deciles, so this is rare).</summary>
    public const int MaxNumericBins = 40;

    private const string RealColor = "#3b6ea5", SyntheticColor = "#e08a2e", Axis = "#9aa5b1", Grid = "#e4e8ee", Ink = "#1f2933", Muted = "#5f6b7a";
    private const double ChartWidth = 460;

    /// <summary>Appends the chart for a categorical column; returns a note when categories were merged.</summary>
    public static string? Categorical(Html html, string column, IReadOnlyList<ChartBin> bins)
    {
        var ordered = bins.OrderByDescending(b => Math.Max(Share(b.Real), Share(b.Synthetic))).ToList();
        string? note = null;
        if (ordered.Count > MaxCategories)
        {
            var tail = ordered.Skip(MaxCategories - 1).ToList();
            ordered = [.. ordered.Take(MaxCategories - 1),
                new ChartBin(Invariant($"({tail.Count} more categories)"), tail.Sum(b => Share(b.Real)), tail.Sum(b => Share(b.Synthetic)))];
            note = Invariant($"The {MaxCategories - 1} largest of {bins.Count} bins are shown; the other {tail.Count} are merged into one bar.");
        }

        const double labelWidth = 138, top = 30, row = 24, right = 18;
        double x0 = labelWidth + 8, x1 = ChartWidth - right, plotWidth = x1 - x0;
        double height = top + ordered.Count * row + 26;
        var (max, step) = Scale(ordered);
        Begin(html, column, height);
        Legend(html, x0);
        for (int k = 0; k * step <= max + 1e-9; k++)
        {
            double tick = k * step;
            double x = x0 + tick / max * plotWidth;
            html.Raw($"<line x1=\"{Svg(x)}\" y1=\"{Svg(top - 4)}\" x2=\"{Svg(x)}\" y2=\"{Svg(top + ordered.Count * row)}\" stroke=\"{(tick == 0 ? Axis : Grid)}\"/>")
                .Raw($"<text x=\"{Svg(x)}\" y=\"{Svg(top + ordered.Count * row + 15)}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{Muted}\">{AxisPercent(tick)}</text>");
        }
        for (int i = 0; i < ordered.Count; i++)
        {
            var bin = ordered[i];
            double y = top + i * row;
            html.Raw("<g>");
            Tooltip(html, bin);
            html.Raw($"<text x=\"{Svg(labelWidth)}\" y=\"{Svg(y + row / 2 + 4)}\" text-anchor=\"end\" font-size=\"11\" fill=\"{Ink}\">")
                .Text(Html.Truncate(bin.Label, 22)).Raw("</text>");
            Bar(html, x0, y + 3, Share(bin.Real) / max * plotWidth, 8.5, RealColor);
            Bar(html, x0, y + 12.5, Share(bin.Synthetic) / max * plotWidth, 8.5, SyntheticColor);
            html.Raw("</g>");
        }
        html.Raw("</svg>\n");
        return note;
    }

    /// <summary>Appends the chart for a numeric (or datetime) column; returns a note when bins were cut.</summary>
    public static string? Numeric(Html html, string column, IReadOnlyList<ChartBin> bins)
    {
        string? note = null;
        var shown = bins;
        if (bins.Count > MaxNumericBins)
        {
            shown = [.. bins.Take(MaxNumericBins)];
            note = Invariant($"The first {MaxNumericBins} of {bins.Count} bins are shown.");
        }

        const double left = 46, right = 12, top = 30, plotHeight = 150, labelChars = 14;
        double plotWidth = ChartWidth - left - right, group = plotWidth / shown.Count;
        int longest = shown.Count == 0 ? 0 : shown.Max(b => Math.Min(b.Label.Length, (int)labelChars));
        bool rotate = longest * 6.2 > group - 4;
        double labelHeight = rotate ? Math.Min(longest, labelChars) * 6.2 * 0.71 + 16 : 20;
        double height = top + plotHeight + labelHeight;
        var (max, step) = Scale(shown);
        Begin(html, column, height);
        Legend(html, left);
        double baseline = top + plotHeight;
        for (int k = 0; k * step <= max + 1e-9; k++)
        {
            double tick = k * step;
            double y = baseline - tick / max * plotHeight;
            html.Raw($"<line x1=\"{Svg(left)}\" y1=\"{Svg(y)}\" x2=\"{Svg(ChartWidth - right)}\" y2=\"{Svg(y)}\" stroke=\"{(tick == 0 ? Axis : Grid)}\"/>")
                .Raw($"<text x=\"{Svg(left - 5)}\" y=\"{Svg(y + 3.5)}\" text-anchor=\"end\" font-size=\"10\" fill=\"{Muted}\">{AxisPercent(tick)}</text>");
        }
        double barWidth = Math.Min(group * 0.38, 26);
        for (int i = 0; i < shown.Count; i++)
        {
            var bin = shown[i];
            double centre = left + (i + 0.5) * group;
            double realHeight = Share(bin.Real) / max * plotHeight, synHeight = Share(bin.Synthetic) / max * plotHeight;
            html.Raw("<g>");
            Tooltip(html, bin);
            Bar(html, centre - barWidth - 0.5, baseline - realHeight, barWidth, realHeight, RealColor);
            Bar(html, centre + 0.5, baseline - synHeight, barWidth, synHeight, SyntheticColor);
            string label = Html.Truncate(bin.Label, (int)labelChars);
            html.Raw(rotate
                ? $"<text transform=\"translate({Svg(centre + 3)},{Svg(baseline + 10)}) rotate(-45)\" text-anchor=\"end\" font-size=\"10\" fill=\"{Ink}\">"
                : $"<text x=\"{Svg(centre)}\" y=\"{Svg(baseline + 14)}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{Ink}\">")
                .Text(label).Raw("</text></g>");
        }
        html.Raw("</svg>\n");
        return note;
    }

    private static void Begin(Html html, string column, double height) =>
        html.Raw($"<svg width=\"{Svg(ChartWidth)}\" height=\"{Svg(height)}\" viewBox=\"0 0 {Svg(ChartWidth)} {Svg(height)}\" role=\"img\" aria-label=\"")
            .Text("Distribution of " + column + ", real and synthetic").Raw("\">");

    private static void Legend(Html html, double x) =>
        html.Raw($"<rect x=\"{Svg(x)}\" y=\"6\" width=\"11\" height=\"11\" rx=\"2\" fill=\"{RealColor}\"/>")
            .Raw($"<text x=\"{Svg(x + 15)}\" y=\"15.5\" font-size=\"11\" fill=\"{Ink}\">Real</text>")
            .Raw($"<rect x=\"{Svg(x + 58)}\" y=\"6\" width=\"11\" height=\"11\" rx=\"2\" fill=\"{SyntheticColor}\"/>")
            .Raw($"<text x=\"{Svg(x + 73)}\" y=\"15.5\" font-size=\"11\" fill=\"{Ink}\">Synthetic</text>");

    private static void Tooltip(Html html, ChartBin bin) =>
        html.Raw("<title>").Text($"{bin.Label}: real {Percent(bin.Real)}, synthetic {Percent(bin.Synthetic)}").Raw("</title>");

    private static void Bar(Html html, double x, double y, double width, double height, string color)
    {
        if (width <= 0 || height <= 0) return;
        html.Raw($"<rect x=\"{Svg(x)}\" y=\"{Svg(y)}\" width=\"{Svg(Math.Max(width, 0.6))}\" height=\"{Svg(Math.Max(height, 0.6))}\" fill=\"{color}\"/>");
    }

    private static string AxisPercent(double share) =>
        (share * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";

    private static double Share(double? value) => IsFinite(value) ? Math.Max(value!.Value, 0) : 0;

    /// <summary>A round axis maximum at or above the largest share, and a tick step giving at most five ticks.</summary>
    private static (double Max, double Step) Scale(IReadOnlyList<ChartBin> bins)
    {
        double largest = bins.Count == 0 ? 0 : bins.Max(b => Math.Max(Share(b.Real), Share(b.Synthetic)));
        largest = Math.Clamp(largest, 0.01, 1);
        foreach (double step in (double[])[0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25])
        {
            double max = Math.Ceiling(largest / step - 1e-9) * step;
            if (max / step <= 5) return (max, step);
        }
        return (1, 0.25);
    }
}
