using System.Globalization;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Sequences;

/// <summary>
/// Columns that spell out a step's time, named <c>year</c>, <c>month</c>, <c>day</c> and optionally <c>hour</c> and
/// <c>minute</c> (any case; numbers, or categories holding whole numbers), found when in every real entity the time they
/// spell advances by one fixed step at every step (beijing's hourly readings). A later step gets them from the step
/// before's time plus that step, never drawn: a model of rows cannot learn a calendar's carries (the last hour of the
/// last day of a month) from a few entities.
/// </summary>
/// <param name="Year">The year column.</param>
/// <param name="Month">The month column (1 to 12).</param>
/// <param name="Day">The day-of-month column.</param>
/// <param name="Hour">The hour column (0 to 23), or null.</param>
/// <param name="Minute">The minute column, or null (needs an hour column).</param>
/// <param name="Step">The fixed step, in ticks.</param>
internal sealed record CalendarParts(string Year, string Month, string Day, string? Hour, string? Minute, long Step)
{
    /// <summary>
    /// When the parts' time is the order's value on a line in every real row (beijing's row number <c>No</c>: time =
    /// anchor + No × step), the ticks per order unit; null otherwise. A first step then takes its parts from its order
    /// too, so no series starts at an hour its order does not have.
    /// </summary>
    public double? TicksPerOrder { get; init; }

    /// <summary>The time at order 0 when <see cref="TicksPerOrder"/> is set.</summary>
    public double Anchor { get; init; }

    /// <summary>The part columns, year first.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> Columns => new[] { Year, Month, Day, Hour, Minute }.OfType<string>();

    /// <summary>The calendar parts among <paramref name="own"/>, or null when there are none or their time does not advance by one fixed step.</summary>
    public static CalendarParts? Detect(IReadOnlyList<ColumnMetadata> own, Table data, SequenceEntities entities, double? grid)
    {
        string? Find(string name) => own.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)
            && c.Type is SemanticType.Numerical or SemanticType.Categorical && data[c.Name] is NumberColumn or CategoryColumn)?.Name;
        if (Find("year") is not { } year || Find("month") is not { } month || Find("day") is not { } day) return null;
        string? hour = Find("hour"), minute = hour is null ? null : Find("minute");
        var parts = new CalendarParts(year, month, day, hour, minute, 0);
        var values = parts.Columns.Select(c => Numbers(data[c])).ToArray();
        var ticks = new double[data.RowCount];
        for (int r = 0; r < ticks.Length; r++) ticks[r] = parts.TicksOf(i => values[i][r]);
        long step = 0;
        int pairs = 0;
        foreach (var rows in entities.Steps)
            for (int t = 1; t < rows.Length; t++)
            {
                double gap = ticks[rows[t]] - ticks[rows[t - 1]];
                if (double.IsNaN(gap) || gap <= 0 || step != 0 && gap != step) return null;
                step = (long)gap;
                pairs++;
            }
        if (pairs < Doppel.Transforms.ProtectedTails.MinValues) return null;
        // On a numeric grid, is the time a line in the order? One anchor for every row, to a tick.
        if (grid is not { } g || g <= 0) return parts with { Step = step };
        double perOrder = step / g, anchor = ticks[0] - entities.Order[0] * perOrder;
        for (int r = 0; r < ticks.Length; r++)
            if (Math.Abs(ticks[r] - entities.Order[r] * perOrder - anchor) > 0.5) return parts with { Step = step };
        return parts with { Step = step, TicksPerOrder = perOrder, Anchor = anchor };
    }

    /// <summary>The parts of the times that <paramref name="order"/> stands for, when <see cref="TicksPerOrder"/> is set.</summary>
    public Dictionary<string, Column> FromOrder(double[] order, IReadOnlyDictionary<string, Column> like)
    {
        var times = order.Select(o => double.IsNaN(o) || TicksPerOrder is not { } per || Anchor + o * per is var t && (t < 0 || t > DateTime.MaxValue.Ticks) ? (DateTime?)null : new DateTime((long)Math.Round(Anchor + o * per))).ToArray();
        return Split(times, like);
    }

    /// <summary>Per row the time the parts spell after the step: the parts of the step before (<paramref name="before"/>, by part column name) plus <see cref="Step"/>.</summary>
    public Dictionary<string, Column> Next(IReadOnlyDictionary<string, Column> before, IReadOnlyDictionary<string, Column> like, int rows)
    {
        var values = Columns.Select(c => Numbers(before[c])).ToArray();
        var times = new DateTime?[rows];
        for (int i = 0; i < rows; i++)
        {
            double ticks = TicksOf(p => values[p][i]);
            times[i] = double.IsNaN(ticks) || ticks + Step > DateTime.MaxValue.Ticks ? null : new DateTime((long)ticks + Step);
        }
        return Split(times, like);
    }

    private Dictionary<string, Column> Split(DateTime?[] times, IReadOnlyDictionary<string, Column> like)
    {
        var result = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (var (name, part) in new (string? Name, Func<DateTime, int> Of)[] { (Year, d => d.Year), (Month, d => d.Month), (Day, d => d.Day), (Hour, d => d.Hour), (Minute, d => d.Minute) })
            if (name is not null) result[name] = Column(name, like[name], times, part);
        return result;
    }

    /// <summary>The time of one row's parts (by position in <see cref="Columns"/>), in ticks; NaN when they spell no time.</summary>
    private double TicksOf(Func<int, double> part)
    {
        double y = part(0), mo = part(1), d = part(2), h = Hour is null ? 0 : part(3), mi = Minute is null ? 0 : part(4);
        if (new[] { y, mo, d, h, mi }.Any(v => double.IsNaN(v) || v != Math.Floor(v))) return double.NaN;
        if (y is < 1 or > 9999 || mo is < 1 or > 12 || h is < 0 or > 23 || mi is < 0 or > 59 || d < 1 || d > DateTime.DaysInMonth((int)y, (int)mo)) return double.NaN;
        return new DateTime((int)y, (int)mo, (int)d, (int)h, (int)mi, 0).Ticks;
    }

    /// <summary>A part column in the training column's kind: numbers, or categories spelled as whole numbers.</summary>
    private static Column Column(string name, Column like, DateTime?[] times, Func<DateTime, int> part)
    {
        var validity = new Validity(times.Length);
        for (int i = 0; i < times.Length; i++) if (times[i] is null) validity.Set(i, false);
        if (like is not CategoryColumn categories)
            return new NumberColumn(name, [.. times.Select(t => t is { } d ? (double)part(d) : 0)], validity);
        var labels = new List<string>(categories.Categories);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < labels.Count; c++) index.TryAdd(labels[c], c);
        var codes = new int[times.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            if (times[i] is not { } d) continue;
            string label = part(d).ToString(CultureInfo.InvariantCulture);
            if (!index.TryGetValue(label, out codes[i])) { index[label] = codes[i] = labels.Count; labels.Add(label); }
        }
        return new CategoryColumn(name, codes, [.. labels], validity);
    }

    /// <summary>A part's values as numbers (a category parsed as a whole number), NaN for null or anything else.</summary>
    private static double[] Numbers(Column column) => column switch
    {
        CategoryColumn c => [.. Enumerable.Range(0, c.Length).Select(i => !c.IsNull(i) && int.TryParse(c.Categories[c.Codes[i]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v : double.NaN)],
        _ => StepColumns.Numbers(column),
    };
}
