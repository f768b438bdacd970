using Doppel.Data;

namespace Doppel.Evaluation.ML;

/// <summary>
/// The classes of a classification target as the real training data has them, compared by string across tables:
/// ordered by falling frequency (ties by ordinal string order), so the last one is the minority class.
/// </summary>
internal sealed class TargetClasses
{
    private readonly Dictionary<string, int> _index;

    private TargetClasses(string[] names, int[] counts)
    {
        Names = names;
        Counts = counts;
        _index = names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>The class labels, most frequent first.</summary>
    public string[] Names { get; }

    /// <summary>Rows of each class in the training data.</summary>
    public int[] Counts { get; }

    /// <summary>Index of the least frequent class.</summary>
    public int Minority => Names.Length - 1;

    /// <summary>The classes of <paramref name="rows"/> (or all rows) of the training column.</summary>
    public static TargetClasses Learn(Column column, int[]? rows = null)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int n = rows?.Length ?? column.Length;
        for (int i = 0; i < n; i++)
            if (ColumnValues.Label(column, rows is null ? i : rows[i]) is { } label)
                counts[label] = counts.GetValueOrDefault(label) + 1;
        var ordered = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToArray();
        return new TargetClasses([.. ordered.Select(p => p.Key)], [.. ordered.Select(p => p.Value)]);
    }

    /// <summary>The index of <paramref name="label"/>, or −1 when the training data lacks it.</summary>
    public int IndexOf(string label) => _index.TryGetValue(label, out int i) ? i : -1;

    /// <summary>
    /// The class index of every row of <paramref name="column"/>: −1 for a null, −2 for a label the training data
    /// lacks.
    /// </summary>
    public int[] Encode(Column column)
    {
        var result = new int[column.Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = ColumnValues.Label(column, i) is { } label ? (_index.TryGetValue(label, out int k) ? k : -2) : -1;
        return result;
    }
}
