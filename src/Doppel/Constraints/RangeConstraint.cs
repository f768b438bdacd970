using System.Globalization;
using Doppel.Data;

namespace Doppel.Constraints;

/// <summary>
/// One bound on a numeric column: <c>x &gt; 0</c>, <c>x &lt;= 100</c> (a chain <c>0 &lt;= x &lt;= 100</c> is two).
/// Enforced by rejection, which keeps the exact distribution the model gives inside the range (clamping would pile
/// rows onto the bound, reflecting would bend the tail); real data inside the range makes rejection rare.
/// </summary>
internal sealed class RangeConstraint(string text, string column, double bound, bool isLower, bool strict) : Constraint(text)
{
    public string Column { get; } = column;
    public double Bound { get; } = bound;
    public bool IsLower { get; } = isLower;
    public bool Strict { get; } = strict;

    public override string Kind => "range";

    public override IReadOnlyList<string> Columns => [Column];

    public override bool Holds(Table table, int row)
    {
        if (Cells.Number(Cells.Of(table, Column), row) is not { } x) return true;
        return IsLower ? (Strict ? x > Bound : x >= Bound) : (Strict ? x < Bound : x <= Bound);
    }

    /// <summary>The bound in words, e.g. "&gt; 0".</summary>
    public string Describe() => (IsLower ? (Strict ? "> " : ">= ") : (Strict ? "< " : "<= ")) + Bound.ToString(CultureInfo.InvariantCulture);
}
