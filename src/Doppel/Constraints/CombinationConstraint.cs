using Doppel.Data;
using Doppel.Sampling;

namespace Doppel.Constraints;

/// <summary>
/// <c>combination(city, country)</c>: only combinations of values seen in the real data (at least 5 times, unless
/// rare categories are kept). Repair: the first column's value is kept and the others are redrawn from the seen
/// combinations with that value, in proportion to how often they were seen; when the first value was never seen in
/// a kept combination, a whole seen combination is drawn.
/// </summary>
internal sealed class CombinationConstraint : Constraint
{
    private const char Separator = '\u001f';
    private readonly string[] _columns;
    private HashSet<string>? _seen;
    private Dictionary<string, (string[][] Combos, double[] Cumulative)>? _byFirst;
    private (string[][] Combos, double[] Cumulative) _all;

    public CombinationConstraint(string text, string[] columns) : base(text) => _columns = columns;

    public override string Kind => "fixed combinations";

    public override IReadOnlyList<string> Columns => _columns;

    /// <summary>The key of this rule's seen combinations in a model's <see cref="ConstraintState"/>.</summary>
    public string StateKey => string.Join(Separator, _columns);

    /// <summary>True once the seen combinations are known (from the real data, or from the model).</summary>
    public bool HasCombinations => _seen is not null;

    /// <summary>The combinations of the real data, each seen at least <paramref name="minimumCount"/> times.</summary>
    public SeenCombinations Learn(Table data, int minimumCount)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int row = 0; row < data.RowCount; row++)
        {
            if (KeyOf(data, row) is not { } key) continue;
            if (counts.TryGetValue(key, out long n)) counts[key] = n + 1;
            else { counts[key] = 1; order.Add(key); }
        }
        // Sorted, so the model file does not depend on row order.
        var kept = order.Where(k => counts[k] >= minimumCount).Order(StringComparer.Ordinal).ToArray();
        return new SeenCombinations { Values = [.. kept.Select(k => k.Split(Separator))], Counts = [.. kept.Select(k => counts[k])] };
    }

    /// <summary>Uses <paramref name="seen"/> as the allowed combinations.</summary>
    public void Use(SeenCombinations seen)
    {
        if (seen.Values.Any(v => v.Length != _columns.Length) || seen.Counts.Length != seen.Values.Length)
            throw new DoppelException(ErrorKind.Model, $"The model's combinations for \"{Text}\" do not match its columns. Fit the model again.");
        _seen = [.. seen.Values.Select(v => string.Join(Separator, v))];
        _byFirst = seen.Values.Select((v, i) => (v, i)).GroupBy(p => p.v[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Cumulate([.. g.Select(p => p.v)], [.. g.Select(p => seen.Counts[p.i])]), StringComparer.Ordinal);
        _all = Cumulate(seen.Values, seen.Counts);
    }

    private static (string[][], double[]) Cumulate(string[][] combos, long[] counts)
    {
        var cumulative = new double[counts.Length];
        double sum = 0;
        for (int i = 0; i < counts.Length; i++) cumulative[i] = sum += counts[i];
        return (combos, cumulative);
    }

    private string? KeyOf(Table table, int row)
    {
        var parts = new string[_columns.Length];
        for (int i = 0; i < _columns.Length; i++)
        {
            if (Cells.Key(Cells.Of(table, _columns[i]), row) is not { } part) return null;
            parts[i] = part;
        }
        return string.Join(Separator, parts);
    }

    public override bool Holds(Table table, int row) =>
        KeyOf(table, row) is not { } key || (_seen ?? throw NotLearned()).Contains(key);

    public override void Repair(Table batch, RandomStream random)
    {
        var seen = _seen ?? throw NotLearned();
        if (seen.Count == 0) return;
        var columns = _columns.Select(c => Cells.Of(batch, c)).ToArray();
        var codes = columns.Select(c => c is CategoryColumn cc ? CodesOf(cc.Categories) : null).ToArray();
        for (int row = 0; row < batch.RowCount; row++)
        {
            if (KeyOf(batch, row) is not { } key || seen.Contains(key)) continue;
            string first = Cells.Key(columns[0], row)!;
            bool keepFirst = _byFirst!.TryGetValue(first, out var choices);
            if (!keepFirst) choices = _all;
            var (combos, cumulative) = choices;
            double u = random.NextDouble() * cumulative[^1];
            int pick = Array.BinarySearch(cumulative, u);
            pick = pick < 0 ? ~pick : pick + 1;
            var combo = combos[Math.Min(pick, combos.Length - 1)];
            for (int i = keepFirst ? 1 : 0; i < columns.Length; i++) Cells.TrySet(columns[i], row, combo[i], codes[i]);
        }
    }

    private static Dictionary<string, int> CodesOf(string[] categories)
    {
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < categories.Length; i++) codes.TryAdd(categories[i], i);
        return codes;
    }

    private DoppelException NotLearned() => new(ErrorKind.Usage,
        $"The constraint \"{Text}\" needs the combinations of the real data: declare it when fitting (fit --constraint, or the metadata's \"constraints\"), not only when sampling.");
}
