using Doppel.Data;

namespace Doppel.Streaming;

/// <summary>
/// A continuous latent dimension of the copula in a streamed fit: a numeric column's values, scored by the first
/// pass's sketch. A value's score is spread over its CDF interval [F(x−), F(x)] (ties, point masses) as the
/// in-memory encoder draws it; here only its expected first and second moments are used.
/// </summary>
internal sealed class ContinuousDimension(int column, QuantileSketch sketch)
{
    private readonly QuantileSketch.SortedView _view = sketch.View;
    private readonly double _total = sketch.View.Total;

    public int Column { get; } = column;

    /// <summary>The sketch that scores the values.</summary>
    public QuantileSketch Sketch { get; } = sketch;

    /// <summary>The expected score and squared score of a value.</summary>
    public (double Mean, double Square) Encode(double value)
    {
        double lo = _view.Below(value) / _total, hi = _view.AtMost(value) / _total;
        if (hi - lo < 1e-12) lo = hi = Math.Clamp(lo, 0.5 / _total, 1 - 0.5 / _total); // between sketch items: a point rank
        return LatentCell.Moments(lo, hi);
    }

    /// <summary>A batch column's values as numbers (datetimes as ticks), or NaN where null.</summary>
    public static double ValueAt(Column column, int row) => column switch
    {
        NumberColumn numbers => numbers.Values[row],
        DateTimeColumn dates => dates.Ticks[row],
        _ => throw new InvalidOperationException($"Column '{column.Name}' is not numeric."),
    };
}

/// <summary>
/// A latent dimension made of levels (frequency intervals): a categorical or boolean column (slots: its kept
/// categories, then the rare bucket, then null) or a column's null indicator (slots: present, null). Which slot a
/// row falls in does not depend on the levels' encoding order, so the second pass counts slots and the order is
/// chosen afterwards.
/// </summary>
internal sealed class LevelDimension
{
    private readonly Dictionary<string, int>? _slotOf;

    private LevelDimension(int column, long[] counts, int[] levelIds, Dictionary<string, int>? slotOf, string[]? keptNames = null)
    {
        KeptNames = keptNames;
        Column = column;
        Counts = counts;
        LevelIds = levelIds;
        _slotOf = slotOf;
    }

    public int Column { get; }

    /// <summary>A categorical's slot per category seen, in order of first appearance (null for a null indicator).</summary>
    public IReadOnlyDictionary<string, int>? SlotOf => _slotOf;

    /// <summary>A dimension restored from its parts (a plan received by a silo of a distributed fit).</summary>
    internal static LevelDimension Restore(int column, long[] counts, int[] levelIds, Dictionary<string, int>? slotOf, string[]? keptNames) =>
        new(column, counts, levelIds, slotOf, keptNames);

    /// <summary>A categorical's kept categories, in slot order (null for a null indicator).</summary>
    public string[]? KeptNames { get; }

    /// <summary>Rows per slot (the whole stream).</summary>
    public long[] Counts { get; }

    /// <summary>Per slot, the level the column model stores (category index, rare or null level; 0 and 1 for a null indicator).</summary>
    public int[] LevelIds { get; }

    public int Slots => Counts.Length;

    /// <summary>True for a null indicator.</summary>
    public bool IsNullIndicator => _slotOf is null;

    /// <summary>A categorical's levels: slots 0..kept−1 the kept categories, then rare, then null.</summary>
    public static LevelDimension Categorical(int column, IReadOnlyList<string> kept, long rare, long nulls, IReadOnlyDictionary<string, long> counts)
    {
        var slotOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in counts.Keys) slotOf[name] = kept.Count; // rare unless kept
        var slotCounts = new long[kept.Count + 2];
        var ids = new int[kept.Count + 2];
        for (int j = 0; j < kept.Count; j++) { slotOf[kept[j]] = j; slotCounts[j] = counts[kept[j]]; ids[j] = j; }
        slotCounts[kept.Count] = rare;
        ids[kept.Count] = Synthesizers.Columns.CategoricalColumnModel.RareLevel;
        slotCounts[kept.Count + 1] = nulls;
        ids[kept.Count + 1] = Synthesizers.Columns.CategoricalColumnModel.NullLevel;
        return new LevelDimension(column, slotCounts, ids, slotOf, [.. kept]);
    }

    /// <summary>A null indicator: slot 0 present, slot 1 null (the order of the in-memory encoding).</summary>
    public static LevelDimension Nulls(int column, long present, long nulls) => new(column, [present, nulls], [0, 1], null);

    /// <summary>Per row of a batch column, its slot.</summary>
    public int[] SlotsOf(Column column)
    {
        var slots = new int[column.Length];
        if (_slotOf is null)
        {
            for (int i = 0; i < slots.Length; i++) slots[i] = column.IsNull(i) ? 1 : 0;
            return slots;
        }
        int nullSlot = Slots - 1;
        switch (column)
        {
            case CategoryColumn categories:
                var map = categories.Categories.Select(c => _slotOf.TryGetValue(c, out int s) ? s : Slots - 2).ToArray();
                for (int i = 0; i < slots.Length; i++) slots[i] = column.IsNull(i) ? nullSlot : map[categories.Codes[i]];
                break;
            case BooleanColumn booleans:
                int falseSlot = _slotOf.GetValueOrDefault("false", Slots - 2), trueSlot = _slotOf.GetValueOrDefault("true", Slots - 2);
                for (int i = 0; i < slots.Length; i++) slots[i] = column.IsNull(i) ? nullSlot : booleans.Values[i] ? trueSlot : falseSlot;
                break;
            default:
                throw new InvalidOperationException($"Column '{column.Name}' is not categorical.");
        }
        return slots;
    }

    /// <summary>Each slot's expected score and squared score when the slots are encoded in <paramref name="order"/>.</summary>
    public (double[] Mean, double[] Square) Expected(int[] order)
    {
        long total = Counts.Sum();
        var mean = new double[Slots];
        var square = new double[Slots];
        long cumulative = 0;
        foreach (int s in order)
        {
            double lo = (double)cumulative / total;
            cumulative += Counts[s];
            (mean[s], square[s]) = LatentCell.Moments(lo, (double)cumulative / total);
        }
        return (mean, square);
    }

    /// <summary>The slots in encoding order's shares.</summary>
    public double[] Shares(int[] order)
    {
        double total = Counts.Sum();
        return [.. order.Select(s => Counts[s] / total)];
    }
}
