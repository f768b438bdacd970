using Doppel.Data;
using Doppel.Expressions;

namespace Doppel.Constraints;

/// <summary>
/// Any other condition of the expression language, e.g. <c>age &gt;= 18 or status = 'minor'</c>: enforced by rejection.
/// A row with a null in a column it names passes (SQL CHECK), unless the condition itself tests for nulls.
/// </summary>
internal sealed class ConditionConstraint(string text, RowPredicate predicate, IReadOnlyList<string> columns, bool nullsPass) : Constraint(text)
{
    public override string Kind => "condition";

    public override IReadOnlyList<string> Columns => columns;

    public override bool Holds(Table table, int row)
    {
        if (nullsPass) foreach (var name in columns) if (Cells.Of(table, name).IsNull(row)) return true;
        return predicate(table, row);
    }
}
