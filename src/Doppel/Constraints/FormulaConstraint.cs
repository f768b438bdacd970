using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;

namespace Doppel.Constraints;

/// <summary>
/// <c>c = a + b</c>, <c>c = a * b</c> or any arithmetic of numeric columns and numbers. Built by construction: the
/// target is computed from the other columns (and rounded as it is written), so the model's own draw of the target is
/// replaced. Checked to 1e-9 relative, because a sum written in decimals and read back differs in the last bits.
/// </summary>
internal sealed class FormulaConstraint(string text, ColumnMetadata target, Func<Table, int, double?> formula, IReadOnlyList<string> inputs) : Constraint(text)
{
    public string Target => target.Name;

    public override string Kind => "formula";

    public override IReadOnlyList<string> Columns => [target.Name, .. inputs];

    public override bool Holds(Table table, int row)
    {
        if (Cells.Number(Cells.Of(table, target.Name), row) is not { } c || formula(table, row) is not { } f) return true;
        if (double.IsNaN(f) || double.IsInfinity(f)) return false;
        return Math.Abs(c - f) <= 1e-9 * Math.Max(1, Math.Abs(f));
    }

    public override void Repair(Table batch, RandomStream random)
    {
        if (Cells.Of(batch, target.Name) is not NumberColumn column) return;
        for (int row = 0; row < batch.RowCount; row++)
            if (!column.IsNull(row) && formula(batch, row) is { } f && double.IsFinite(f))
                column.Values[row] = Cells.Round(f, target);
    }
}
