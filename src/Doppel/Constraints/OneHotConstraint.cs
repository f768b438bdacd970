using Doppel.Data;
using Doppel.Sampling;

namespace Doppel.Constraints;

/// <summary>
/// <c>one_hot(a, b, c)</c>: an exclusive group of boolean (or 0/1 numeric) columns, exactly one true per row. Repair:
/// a row with several true keeps one of them at random; a row with none gets one, drawn in proportion to each
/// column's share of true values in the batch (the model's marginal).
/// </summary>
internal sealed class OneHotConstraint(string text, string[] columns) : Constraint(text)
{
    public override string Kind => "exclusive group";

    public override IReadOnlyList<string> Columns => columns;

    private static bool? IsOn(Column column, int row)
    {
        if (column.IsNull(row)) return null;
        return column switch
        {
            BooleanColumn b => b.Values[row],
            NumberColumn n when n.Values[row] == 1 => true,
            NumberColumn n when n.Values[row] == 0 => false,
            _ => null,
        };
    }

    public override bool Holds(Table table, int row)
    {
        int on = 0;
        foreach (var name in columns)
        {
            var column = Cells.Of(table, name);
            if (column.IsNull(row)) return true;
            switch (IsOn(column, row))
            {
                case true: on++; break;
                case null: return false; // a number other than 0 or 1
            }
        }
        return on == 1;
    }

    public override void Repair(Table batch, RandomStream random)
    {
        var group = columns.Select(c => Cells.Of(batch, c)).ToArray();
        var share = new double[group.Length];
        for (int i = 0; i < group.Length; i++)
            for (int row = 0; row < batch.RowCount; row++)
                if (IsOn(group[i], row) == true) share[i]++;
        for (int i = 0; i < share.Length; i++) share[i] += 1; // no column is never chosen
        var on = new List<int>(group.Length);
        for (int row = 0; row < batch.RowCount; row++)
        {
            if (group.Any(c => c.IsNull(row)) || Holds(batch, row)) continue;
            on.Clear();
            for (int i = 0; i < group.Length; i++) if (IsOn(group[i], row) == true) on.Add(i);
            int chosen;
            if (on.Count > 0) chosen = on[random.NextInt(on.Count)];
            else
            {
                double u = random.NextDouble() * share.Sum();
                chosen = 0;
                while (chosen < share.Length - 1 && (u -= share[chosen]) >= 0) chosen++;
            }
            for (int i = 0; i < group.Length; i++)
            {
                switch (group[i])
                {
                    case BooleanColumn b: b.Values[row] = i == chosen; break;
                    case NumberColumn n: n.Values[row] = i == chosen ? 1 : 0; break;
                }
            }
        }
    }
}
