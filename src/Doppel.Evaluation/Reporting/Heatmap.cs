using static Doppel.Evaluation.Reporting.ReportFormat;

namespace Doppel.Evaluation.Reporting;

/// <summary>
/// A hand-written SVG heatmap of a d × d matrix with column names on both axes. Cells shrink with d between
/// <see cref="MinCell"/> and <see cref="MaxCell"/> pixels, labels shrink with them (never below 7 px) and are cut to
/// <see cref="MaxLabel"/> characters with the full name as a tooltip; top labels are rotated so wide matrices stay
/// legible. Values are printed in the cells when they fit and are in every cell's tooltip.
/// </summary>
internal static class Heatmap
{
    /// <summary>The smallest cell edge in pixels.</summary>
    public const int MinCell = 9;

    /// <summary>The largest cell edge in pixels.</summary>
    public const int MaxCell = 34;

    /// <summary>Axis labels longer than this are truncated.</summary>
    public const int MaxLabel = 16;

    /// <summary>Above this many columns cells lose their tooltips, to keep the page small.</summary>
    private const int MaxTooltipColumns = 40;

    private const string Ink = "#1f2933", Muted = "#5f6b7a", Missing = "#d5dae0";

    /// <summary>Appends the SVG of <paramref name="matrix"/> (rows and columns in the order of <paramref name="names"/>).</summary>
    /// <param name="html">Where to write.</param>
    /// <param name="label">The accessible name of the chart.</param>
    /// <param name="names">Column names, one per row and column.</param>
    /// <param name="matrix">Values; null or NaN shows as a grey "n/a" cell.</param>
    /// <param name="scale">The colour scale.</param>
    /// <param name="range">The value mapped to the scale's ends (symmetric: −range … +range).</param>
    /// <param name="alone">Whether the map has a row of its own (so cells may be larger) rather than sharing it.</param>
    public static void Render(Html html, string label, IReadOnlyList<string> names, double?[][] matrix, ColorScale scale, double range, bool alone)
    {
        int d = names.Count;
        var (cell, font, labelWidth, width) = Layout(names, alone);
        double top = labelWidth * 0.71 + 10, left = labelWidth, grid = d * cell;
        const double legendHeight = 42;
        double height = top + grid + legendHeight;
        bool values = cell >= 30, tooltips = d <= MaxTooltipColumns;

        html.Raw($"<svg width=\"{Svg(width)}\" height=\"{Svg(height)}\" viewBox=\"0 0 {Svg(width)} {Svg(height)}\" role=\"img\" aria-label=\"").Text(label).Raw("\">");
        for (int i = 0; i < d; i++)
        {
            double y = top + i * cell;
            AxisLabel(html, names[i], $"x=\"{Svg(left - 4)}\" y=\"{Svg(y + cell / 2 + font * 0.35)}\" text-anchor=\"end\"", font);
            double x = left + (i + 0.5) * cell;
            AxisLabel(html, names[i], $"transform=\"translate({Svg(x + font * 0.3)},{Svg(top - 4)}) rotate(-45)\" text-anchor=\"start\"", font);
        }
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double? v = i < matrix.Length && matrix[i] is { } row && j < row.Length ? row[j] : null;
                bool known = IsFinite(v);
                double t = known ? v!.Value / range : 0;
                double x = left + j * cell, y = top + i * cell;
                html.Raw($"<rect x=\"{Svg(x)}\" y=\"{Svg(y)}\" width=\"{Svg(cell)}\" height=\"{Svg(cell)}\" fill=\"{(known ? scale.At(t) : Missing)}\" stroke=\"#fff\" stroke-width=\"0.5\"");
                if (tooltips)
                    html.Raw("><title>").Text($"{names[i]} \u00d7 {names[j]}: {Correlation(v)}").Raw("</title></rect>");
                else
                    html.Raw("/>");
                if (values)
                {
                    string color = known && ColorScale.IsDark(t) ? "#fff" : Ink;
                    html.Raw($"<text x=\"{Svg(x + cell / 2)}\" y=\"{Svg(y + cell / 2 + 3)}\" text-anchor=\"middle\" font-size=\"8.5\" fill=\"{color}\" pointer-events=\"none\">{Html.Escape(CellText(v))}</text>");
                }
            }
        }
        Legend(html, scale, range, left, top + grid + 12);
        html.Raw("</svg>\n");
    }

    /// <summary>The natural width in pixels of the heatmap of <paramref name="names"/> when it shares a row.</summary>
    public static double Width(IReadOnlyList<string> names) => Layout(names, alone: false).Width;

    /// <summary>Cell edge, label font size, label width and total width for <paramref name="names"/>.</summary>
    private static (double Cell, double Font, double LabelWidth, double Width) Layout(IReadOnlyList<string> names, bool alone)
    {
        int d = names.Count;
        double cell = Math.Clamp(Math.Floor((alone ? 760.0 : 300.0) / Math.Max(d, 1)), MinCell, MaxCell);
        double font = Math.Clamp(cell * 0.55, 7, 11);
        int chars = Math.Min(MaxLabel, names.Count == 0 ? 1 : names.Max(n => n.Length));
        double labelWidth = chars * font * 0.62 + 8;
        double grid = d * cell;
        // Room on the right for the last rotated label and for the legend under the grid.
        double width = labelWidth + grid + Math.Max(labelWidth * 0.71 - cell / 2, 160 - grid) + 4;
        return (cell, font, labelWidth, width);
    }

    private static void AxisLabel(Html html, string name, string position, double font)
    {
        html.Raw($"<text {position} font-size=\"{Svg(font)}\" fill=\"{Ink}\">");
        if (name.Length > MaxLabel) html.Raw("<title>").Text(name).Raw("</title>");
        html.Text(Html.Truncate(name, MaxLabel)).Raw("</text>");
    }

    /// <summary>A key of 11 discrete steps from −range to +range, labelled at both ends and the centre.</summary>
    private static void Legend(Html html, ColorScale scale, double range, double x, double y)
    {
        const int steps = 11;
        const double step = 14;
        for (int k = 0; k < steps; k++)
        {
            double t = -1 + 2.0 * k / (steps - 1);
            html.Raw($"<rect x=\"{Svg(x + k * step)}\" y=\"{Svg(y)}\" width=\"{Svg(step)}\" height=\"10\" fill=\"{scale.At(t)}\"/>");
        }
        double end = x + steps * step;
        string low = Correlation(-range), high = "+" + Correlation(range);
        html.Raw($"<text x=\"{Svg(x)}\" y=\"{Svg(y + 22)}\" font-size=\"10\" fill=\"{Muted}\">{low}</text>")
            .Raw($"<text x=\"{Svg((x + end) / 2)}\" y=\"{Svg(y + 22)}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{Muted}\">0</text>")
            .Raw($"<text x=\"{Svg(end)}\" y=\"{Svg(y + 22)}\" text-anchor=\"end\" font-size=\"10\" fill=\"{Muted}\">{high}</text>");
    }

    /// <summary>Two decimals without the leading zero, so values fit small cells: .07, −.54, 1.</summary>
    private static string CellText(double? v)
    {
        if (!IsFinite(v)) return "n/a";
        string text = Correlation(v);
        if (text == "1.00") return "1";
        if (text == "\u22121.00") return "\u22121";
        return text.Replace("0.", ".", StringComparison.Ordinal);
    }
}
