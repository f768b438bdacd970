using Doppel.Data;
using Doppel.Expressions;

namespace Doppel.Constraints;

/// <summary>
/// One sampling run under constraints: the row check (with the <c>--where</c> condition, if any), the ordered
/// uniqueness pass across batches, and the counts that let an impossible run name the rule at fault.
/// </summary>
internal sealed class ConstraintRun(ConstraintSet set)
{
    private readonly long[] _rejected = new long[set.All.Count + 1]; // the last slot counts the --where condition
    private readonly Dictionary<string, UniqueValues> _uniqueSeen =
        set.All.OfType<UniqueConstraint>().Select(u => u.Column).Distinct().ToDictionary(c => c, _ => new UniqueValues());
    private long _checked;

    /// <summary>The row check: <paramref name="where"/> (when given) and every rule.</summary>
    public RowPredicate Predicate(RowPredicate? where) => (table, row) =>
    {
        if (row == 0) Interlocked.Add(ref _checked, table.RowCount);
        if (where is not null && !where(table, row)) { Interlocked.Increment(ref _rejected[^1]); return false; }
        int broken = set.FirstBroken(table, row);
        if (broken < 0) return true;
        Interlocked.Increment(ref _rejected[broken]);
        return false;
    };

    /// <summary>In output order: drops rows whose value of a unique column was already written (or kept earlier in this batch).</summary>
    public Func<Table, Table>? InOrder()
    {
        if (_uniqueSeen.Count == 0) return null;
        var uniques = set.All.Select((c, i) => (c, i)).Where(p => p.c is UniqueConstraint).Select(p => ((UniqueConstraint)p.c, p.i)).ToArray();
        return table =>
        {
            var columns = uniques.Select(u => Cells.Of(table, u.Item1.Column)).ToArray();
            var keep = new List<int>(table.RowCount);
            for (int row = 0; row < table.RowCount; row++)
            {
                int broken = -1;
                for (int u = 0; u < uniques.Length && broken < 0; u++)
                    if (_uniqueSeen[uniques[u].Item1.Column].Contains(columns[u], row)) broken = uniques[u].Item2;
                if (broken >= 0) { _rejected[broken]++; continue; }
                for (int u = 0; u < uniques.Length; u++) _uniqueSeen[uniques[u].Item1.Column].Add(columns[u], row);
                keep.Add(row);
            }
            return keep.Count == table.RowCount ? table : TableRows.Select(table, keep);
        };
    }

    /// <summary>
    /// The error for a run that could not find enough rows: names the rule that rejected the most generated rows
    /// (or keeps the <c>--where</c> error when the condition rejected more).
    /// </summary>
    public DoppelException Explain(DoppelException error)
    {
        int worst = Array.IndexOf(_rejected, _rejected.Max());
        if (worst == _rejected.Length - 1 || _rejected[worst] == 0) return error;
        var rule = set.All[worst];
        return new DoppelException(ErrorKind.Unsatisfiable,
            $"The constraint \"{rule.Text}\" ({rule.Kind}) cannot be met: it rejected {_rejected[worst]:N0} of {Math.Max(_checked, _rejected[worst]):N0} generated rows, " +
            "so the rows asked for would take too long. Check it against the data (fit reports the real rows that break it), relax it, or ask for fewer rows.", error);
    }
}
