using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;

namespace Doppel.Constraints;

/// <summary>
/// <c>multiple_of(x, k)</c>: fixed increments. Built by rounding each value to the nearest multiple of k, or to the
/// next one inwards when the nearest lies outside the column's declared range.
/// </summary>
internal sealed class MultipleOfConstraint(string text, ColumnMetadata column, double step) : Constraint(text)
{
    public string Column => column.Name;
    public double Step { get; } = step;

    /// <summary>The declared range of the column (set by <see cref="ConstraintSet"/>), so rounding stays inside it.</summary>
    public Func<double, bool> InRange { get; set; } = _ => true;

    public override string Kind => "fixed increments";

    public override IReadOnlyList<string> Columns => [column.Name];

    public override bool Holds(Table table, int row)
    {
        if (Cells.Number(Cells.Of(table, column.Name), row) is not { } x) return true;
        double q = x / Step;
        return Math.Abs(q - Math.Round(q)) <= 1e-9 * Math.Max(1, Math.Abs(q));
    }

    public override void Repair(Table batch, RandomStream random)
    {
        if (Cells.Of(batch, column.Name) is not NumberColumn numbers) return;
        for (int row = 0; row < batch.RowCount; row++)
        {
            if (numbers.IsNull(row)) continue;
            double q = numbers.Values[row] / Step;
            double nearest = Cells.Round(Math.Round(q) * Step, column);
            if (InRange(nearest)) { numbers.Values[row] = nearest; continue; }
            double other = Cells.Round((Math.Round(q) == Math.Floor(q) ? Math.Ceiling(q) : Math.Floor(q)) * Step, column);
            numbers.Values[row] = InRange(other) ? other : nearest;
        }
    }
}
