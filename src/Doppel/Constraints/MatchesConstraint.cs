using System.Text.RegularExpressions;
using Doppel.Data;

namespace Doppel.Constraints;

/// <summary><c>matches(code, '[A-Z]{3}-[0-9]+')</c>: the whole value matches the regular expression. Enforced by rejection.</summary>
internal sealed class MatchesConstraint(string text, string column, Regex pattern) : Constraint(text)
{
    /// <summary>Which categories match; a category array is the model's, shared by every batch, so it is matched once.</summary>
    private sealed record CategoryMatches(string[] Categories, bool[] Matches);

    private CategoryMatches? _categories;

    public override string Kind => "format";

    public override IReadOnlyList<string> Columns => [column];

    public override bool Holds(Table table, int row)
    {
        var cells = Cells.Of(table, column);
        if (cells.IsNull(row)) return true;
        if (cells is CategoryColumn categories)
        {
            var known = _categories;
            if (known is null || !ReferenceEquals(known.Categories, categories.Categories))
                _categories = known = new CategoryMatches(categories.Categories, [.. categories.Categories.Select(c => pattern.IsMatch(c))]);
            return known.Matches[categories.Codes[row]];
        }
        return Cells.Key(cells, row) is not { } value || pattern.IsMatch(value);
    }
}
