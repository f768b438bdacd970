using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation;

/// <summary>
/// Discretizes a column for the accuracy metric, with bins learned from the training data: numbers and datetimes
/// into (up to) 10 quantile bins with duplicate edges removed, or by value when they have at most 10 distinct values;
/// categoricals into their 10 most frequent categories plus "(other)". Nulls get their own bin.
/// </summary>
internal sealed class Binning
{
    private const int Bins = 10;
    private readonly double[]? _edges;                  // upper-closed bin edges for numbers
    private readonly Dictionary<double, int>? _values;   // by-value bins for numbers with few distinct values
    private readonly Dictionary<string, int>? _categories;
    private readonly int _other, _null;

    private Binning(double[]? edges, Dictionary<double, int>? values, Dictionary<string, int>? categories, int count, Func<double, string> format)
    {
        _edges = edges;
        _values = values;
        _categories = categories;
        _other = count;
        _null = count + 1;
        Count = count + 2;
        var labels = new string[Count];
        if (categories is not null) foreach (var (label, bin) in categories) labels[bin] = label;
        if (values is not null) foreach (var (value, bin) in values) labels[bin] = format(value);
        if (edges is not null)
            for (int b = 0; b < count; b++)
                labels[b] = b == 0 ? "≤ " + format(edges[0]) : b == edges.Length ? "> " + format(edges[^1]) : format(edges[b - 1]) + " – " + format(edges[b]);
        labels[_other] = "(other)";
        labels[_null] = "(missing)";
        Labels = labels;
    }

    /// <summary>A readable label per bin (ranges, values or categories, then "(other)" and "(missing)").</summary>
    public string[] Labels { get; }

    /// <summary>Number of bins, including "(other)" and null.</summary>
    public int Count { get; }

    /// <summary>Learns bins from the training column; the metadata type decides numeric or categorical binning (GUIDE §4).</summary>
    public static Binning Learn(Column real, SemanticType type)
    {
        if (type is SemanticType.Numerical or SemanticType.Datetime && real is NumberColumn or DateTimeColumn)
        {
            Func<double, string> format = real is DateTimeColumn
                ? v => new DateTime((long)Math.Clamp(v, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                : v => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
            var values = NumericValues.Read(real).Where(v => !double.IsNaN(v)).ToArray();
            var distinct = values.Distinct().OrderBy(v => v).ToArray();
            if (distinct.Length <= Bins)
                return new Binning(null, distinct.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i), null, distinct.Length, format);
            Array.Sort(values);
            var edges = new SortedSet<double>();
            for (int q = 1; q < Bins; q++) edges.Add(Quantile(values, q / (double)Bins));
            return new Binning([.. edges], null, null, edges.Count + 1, format);
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var label in ColumnLabels.Of(real)) if (label is not null) counts[label] = counts.GetValueOrDefault(label) + 1;
        var top = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(Bins).Select(p => p.Key).ToArray();
        return new Binning(null, null, top.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal), top.Length, v => v.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The bin of every row of <paramref name="column"/>.</summary>
    public int[] Apply(Column column)
    {
        var bins = new int[column.Length];
        if (_categories is not null)
        {
            var labels = ColumnLabels.Of(column);
            for (int i = 0; i < bins.Length; i++)
                bins[i] = labels[i] is not { } label ? _null : _categories.TryGetValue(label, out int b) ? b : _other;
            return bins;
        }
        var numbers = NumericValues.Read(column);
        for (int i = 0; i < bins.Length; i++)
        {
            double x = numbers[i];
            if (double.IsNaN(x)) bins[i] = _null;
            else if (_values is not null) bins[i] = _values.TryGetValue(x, out int b) ? b : _other;
            else
            {
                int lo = 0, hi = _edges!.Length;
                while (lo < hi) { int mid = (lo + hi) >>> 1; if (x > _edges[mid]) lo = mid + 1; else hi = mid; }
                bins[i] = lo;
            }
        }
        return bins;
    }

    private static double Quantile(double[] sorted, double p)
    {
        double position = p * (sorted.Length - 1);
        int lo = (int)position;
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>Columns that fidelity scores consider: not ids, free text or PII.</summary>
    public static bool Scored(ColumnMetadata column) =>
        column.Type is not (SemanticType.Id or SemanticType.Text or SemanticType.Pii);
}
