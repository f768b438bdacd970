using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation.ML;

/// <summary>
/// Turns table columns into one LightGBM feature vector, learned from a training table and applied to any table
/// with the same columns. Numbers stay numbers and datetimes become days since the training column's earliest
/// value (float precision stays fine for any span a table covers); a null becomes NaN, which LightGBM treats as
/// missing and routes down the side that fits best, so no indicator column is needed. Categories and booleans
/// become a one-hot block of the training table's most frequent categories, one "other" slot that any category
/// the training table lacks (or ranks below the top <see cref="MaxCategories"/>) falls into, and one slot for null
/// (so no row is all zeros, which LightGBM would read as a category of its own). The blocks are declared as categorical slot ranges, so LightGBM splits on them as categorical features.
/// </summary>
internal sealed class Featurizer
{
    /// <summary>Most categories one column keeps a slot for; rarer ones share the "other" slot.</summary>
    public const int MaxCategories = 100;

    private readonly string[] _numeric;
    private readonly double[] _origins;
    private readonly string[] _categorical;
    private readonly Dictionary<string, int>[] _slots;
    private readonly int[] _blockStart;

    private Featurizer(string[] numeric, double[] origins, string[] categorical, Dictionary<string, int>[] slots)
    {
        _numeric = numeric;
        _origins = origins;
        _categorical = categorical;
        _slots = slots;
        _blockStart = new int[categorical.Length];
        int width = numeric.Length;
        var ranges = new List<int>();
        for (int c = 0; c < categorical.Length; c++)
        {
            _blockStart[c] = width;
            int size = slots[c].Count + 2; // + "other" + null
            ranges.Add(width);
            ranges.Add(width + size - 1);
            width += size;
        }
        Width = width;
        CategoricalRanges = [.. ranges];
    }

    /// <summary>Length of the feature vector.</summary>
    public int Width { get; }

    /// <summary>Inclusive [first, last] slot pairs of each one-hot block (ML.NET's CategoricalSlotRanges).</summary>
    public int[] CategoricalRanges { get; }

    /// <summary>The columns used, numeric ones first.</summary>
    public IEnumerable<string> Columns => _numeric.Concat(_categorical);

    /// <summary>
    /// Learns the encoding of <paramref name="columns"/> from <paramref name="training"/> (rows
    /// <paramref name="rows"/> only, or all of them).
    /// </summary>
    public static Featurizer Learn(Table training, IEnumerable<ColumnMetadata> columns, string role, int[]? rows = null)
    {
        var numeric = new List<string>();
        var origins = new List<double>();
        var categorical = new List<string>();
        var slots = new List<Dictionary<string, int>>();
        int count = rows?.Length ?? training.RowCount;
        foreach (var meta in columns)
        {
            var column = ColumnValues.Require(training, meta.Name, role);
            if (ColumnValues.IsNumeric(column))
            {
                double origin = 0;
                if (column is DateTimeColumn)
                {
                    origin = double.PositiveInfinity;
                    for (int i = 0; i < count; i++)
                    {
                        double days = ColumnValues.Number(column, rows is null ? i : rows[i]);
                        if (days < origin) origin = days;
                    }
                    if (double.IsPositiveInfinity(origin)) origin = 0;
                }
                numeric.Add(meta.Name);
                origins.Add(origin);
            }
            else
            {
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = 0; i < count; i++)
                    if (ColumnValues.Label(column, rows is null ? i : rows[i]) is { } label)
                        counts[label] = counts.GetValueOrDefault(label) + 1;
                var top = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(MaxCategories);
                categorical.Add(meta.Name);
                slots.Add(top.Select((p, i) => (p.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal));
            }
        }
        return new Featurizer([.. numeric], [.. origins], [.. categorical], [.. slots]);
    }

    /// <summary>Encodes rows <paramref name="rows"/> (or all rows) of <paramref name="table"/>.</summary>
    public FeatureMatrix Apply(Table table, string role, int[]? rows = null)
    {
        int count = rows?.Length ?? table.RowCount;
        var numbers = new float[count * _numeric.Length];
        var hot = new int[count * _categorical.Length];
        for (int c = 0; c < _numeric.Length; c++)
        {
            var column = ColumnValues.Require(table, _numeric[c], role);
            if (!ColumnValues.IsNumeric(column))
                throw new DoppelException(ErrorKind.Data, $"Column '{column.Name}' of the {role} table holds {column.Kind} values, but the training table holds numbers or datetimes; give both tables the same metadata.");
            for (int i = 0; i < count; i++)
                numbers[i * _numeric.Length + c] = (float)ColumnValues.Number(column, rows is null ? i : rows[i], _origins[c]);
        }
        for (int c = 0; c < _categorical.Length; c++)
        {
            var column = ColumnValues.Require(table, _categorical[c], role);
            var slots = _slots[c];
            int other = _blockStart[c] + slots.Count;
            // Categories repeat: look each dictionary entry up once when the column is dictionary-encoded.
            int[]? byCode = column is CategoryColumn cc
                ? [.. cc.Categories.Select(label => slots.TryGetValue(label, out int s) ? _blockStart[c] + s : other)]
                : null;
            for (int i = 0; i < count; i++)
            {
                int row = rows is null ? i : rows[i];
                int slot;
                if (column.IsNull(row)) slot = other + 1;
                else if (byCode is not null) slot = byCode[((CategoryColumn)column).Codes[row]];
                else slot = slots.TryGetValue(ColumnValues.Label(column, row)!, out int s) ? _blockStart[c] + s : other;
                hot[i * _categorical.Length + c] = slot;
            }
        }
        return new FeatureMatrix(count, Width, CategoricalRanges, _numeric.Length, _categorical.Length, numbers, hot);
    }
}
