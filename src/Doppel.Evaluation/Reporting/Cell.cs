namespace Doppel.Evaluation.Reporting;

/// <summary>One table cell of the report: its escaped content and CSS class.</summary>
/// <param name="Markup">The cell content, already escaped.</param>
/// <param name="Class">The CSS class, or null.</param>
internal readonly record struct Cell(string Markup, string? Class = null)
{
    /// <summary>A text cell (escaped).</summary>
    public static Cell Text(string? text, string? cls = null) => new(Html.Escape(text), cls);

    /// <summary>A text cell that shows at most <paramref name="max"/> characters and the whole text on hover.</summary>
    public static Cell Label(string text, int max = 40) => text.Length <= max
        ? Text(text, "label")
        : new($"<span title=\"{Html.Escape(text)}\">{Html.Escape(Html.Truncate(text, max))}</span>", "label");

    /// <summary>A right-aligned number, already formatted.</summary>
    public static Cell Number(string formatted, string? extraClass = null) =>
        new(Html.Escape(formatted), extraClass is null ? "num" : "num " + extraClass);

    /// <summary>A score with three decimals, tinted by <see cref="ReportFormat.ScoreClass"/>.</summary>
    public static Cell Score(double? value) => Number(ReportFormat.Score(value), ReportFormat.ScoreClass(value));

    /// <summary>A score with three decimals, not tinted.</summary>
    public static Cell Plain(double? value) => Number(ReportFormat.Score(value));

    /// <summary>An empty cell (the value does not apply).</summary>
    public static Cell Empty => new("\u2014", "num na");
}
