using System.Text.RegularExpressions;
using Doppel.Data;

namespace Doppel.Constraints;

/// <summary><c>matches(code, '[A-Z]{3}-[0-9]+')</c>: the whole value matches the regular expression. Enforced by rejection.</summary>
internal sealed class MatchesConstraint(string text, string column, Regex pattern) : Constraint(text)
{
    public override string Kind => "format";

    public override IReadOnlyList<string> Columns => [column];

    public override bool Holds(Table table, int row) => Cells.Key(Cells.Of(table, column), row) is not { } value || pattern.IsMatch(value);
}
