using System.Globalization;

namespace Doppel.Constraints;

/// <summary>
/// Finds constraints no row can meet together, before any sampling: bounds of one column that leave no value, strict
/// inequalities that form a cycle (a &lt; b and b &lt; a), an inequality whose columns' bounds exclude it, and
/// fixed increments with no multiple inside the range. The error names every constraint involved (exit 7).
/// </summary>
internal static class ConstraintContradictions
{
    public static void Check(IReadOnlyList<Constraint> constraints)
    {
        var ranges = constraints.OfType<RangeConstraint>().ToArray();
        foreach (var column in ranges.Select(r => r.Column).Distinct())
        {
            var (low, high) = (Lowest(ranges, column), Highest(ranges, column));
            if (low is null || high is null) continue;
            if (low.Bound > high.Bound || (low.Bound == high.Bound && (low.Strict || high.Strict)))
                throw Contradiction([low.Text, high.Text], $"no value of '{column}' is {low.Describe()} and {high.Describe()}");
        }
        var inequalities = constraints.OfType<InequalityConstraint>().ToArray();
        foreach (var inequality in inequalities)
        {
            var path = Path(inequalities, inequality.High, inequality.Low, []);
            if (path is not null && (inequality.Strict || path.Any(p => p.Strict)))
                throw Contradiction([inequality.Text, .. path.Select(p => p.Text)], $"they order the columns {string.Join(" < ", new[] { inequality.Low, inequality.High }.Concat(path.Select(p => p.High)).Select(c => $"'{c}'"))} in a circle");
            var (low, high) = (Lowest(ranges, inequality.Low), Highest(ranges, inequality.High));
            if (low is not null && high is not null && (low.Bound > high.Bound || (low.Bound == high.Bound && (low.Strict || high.Strict || inequality.Strict))))
                throw Contradiction([inequality.Text, low.Text, high.Text], $"'{inequality.Low}' {low.Describe()} cannot stay below '{inequality.High}' {high.Describe()}");
        }
        foreach (var multiple in constraints.OfType<MultipleOfConstraint>())
        {
            var (low, high) = (Lowest(ranges, multiple.Column), Highest(ranges, multiple.Column));
            if (low is null || high is null) continue;
            double first = Math.Ceiling(low.Bound / multiple.Step) * multiple.Step;
            if (low.Strict && first <= low.Bound) first += multiple.Step;
            if (first > high.Bound || (high.Strict && first >= high.Bound))
                throw Contradiction([multiple.Text, low.Text, high.Text],
                    $"no multiple of {multiple.Step.ToString(CultureInfo.InvariantCulture)} is {low.Describe()} and {high.Describe()}");
        }
    }

    /// <summary>The tightest lower bound of a column (the strict one on a tie).</summary>
    private static RangeConstraint? Lowest(RangeConstraint[] ranges, string column) =>
        ranges.Where(r => r.Column == column && r.IsLower).OrderByDescending(r => r.Bound).ThenByDescending(r => r.Strict).FirstOrDefault();

    private static RangeConstraint? Highest(RangeConstraint[] ranges, string column) =>
        ranges.Where(r => r.Column == column && !r.IsLower).OrderBy(r => r.Bound).ThenByDescending(r => r.Strict).FirstOrDefault();

    /// <summary>A chain of inequalities from <paramref name="from"/> up to <paramref name="to"/>, or null.</summary>
    private static List<InequalityConstraint>? Path(InequalityConstraint[] edges, string from, string to, HashSet<string> visited)
    {
        if (from == to) return [];
        if (!visited.Add(from)) return null;
        foreach (var edge in edges.Where(e => e.Low == from))
            if (Path(edges, edge.High, to, visited) is { } rest) return [edge, .. rest];
        return null;
    }

    private static DoppelException Contradiction(IEnumerable<string> texts, string why)
    {
        var distinct = texts.Distinct().ToArray();
        string names = distinct.Length == 1
            ? $"The constraint \"{distinct[0]}\" contradicts itself"
            : $"The constraints {string.Join(" and ", distinct.Select(t => $"\"{t}\""))} contradict each other";
        return new DoppelException(ErrorKind.Unsatisfiable, $"{names}: {why}. Remove or relax one of them.");
    }
}
