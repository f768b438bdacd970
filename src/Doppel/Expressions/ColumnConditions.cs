using Doppel.Metadata;

namespace Doppel.Expressions;

/// <summary>What a condition requires of one column: a set of categories, or an interval of numbers.</summary>
/// <param name="Categories">Allowed categories (for categorical and boolean columns), or null.</param>
/// <param name="Low">Lowest allowed number (inclusive; −∞ when open).</param>
/// <param name="High">Highest allowed number (inclusive; +∞ when open).</param>
internal sealed record ColumnCondition(IReadOnlySet<string>? Categories, double Low, double High);

/// <summary>
/// Reads the simple per-column requirements out of a condition's top-level <c>and</c>s (<c>x = 'a'</c>,
/// <c>x in ('a', 'b')</c>, <c>x &gt;= 3</c>, <c>0 &lt;= x &lt;= 9</c>, <c>flag</c>, <c>flag = false</c>,
/// <c>day &gt;= '2024-01-01'</c>; dates as ticks), so a model can sample through its
/// conditional distribution instead of by rejection. Parts it cannot read are ignored: rows are still checked
/// against the whole condition afterwards.
/// </summary>
internal static class ColumnConditions
{
    public static IReadOnlyDictionary<string, ColumnCondition> Of(Expr expr, TableMetadata metadata)
    {
        var result = new Dictionary<string, ColumnCondition>(StringComparer.Ordinal);
        Collect(BooleanLiterals.Resolve(expr, metadata), metadata, result);
        return result;
    }

    private static void Collect(Expr expr, TableMetadata metadata, Dictionary<string, ColumnCondition> result)
    {
        switch (expr)
        {
            case LogicalExpr { IsAnd: true } and:
                Collect(and.Left, metadata, result);
                Collect(and.Right, metadata, result);
                break;
            case CompareExpr { Operator: CompareOp.Equal, Left: ColumnExpr column, Right: TextExpr text } when IsCategorical(column, metadata):
                Merge(result, column.Name, new ColumnCondition(new HashSet<string>(StringComparer.Ordinal) { text.Value }, double.NegativeInfinity, double.PositiveInfinity));
                break;
            case InExpr { Negated: false, Value: ColumnExpr column } inExpr when IsCategorical(column, metadata) && inExpr.Items.All(i => i is TextExpr):
                Merge(result, column.Name, new ColumnCondition(inExpr.Items.Cast<TextExpr>().Select(t => t.Value).ToHashSet(StringComparer.Ordinal), double.NegativeInfinity, double.PositiveInfinity));
                break;
            case ColumnExpr column when IsBoolean(column, metadata):
                Merge(result, column.Name, Categories("true"));
                break;
            case NotExpr { Operand: ColumnExpr column } when IsBoolean(column, metadata):
                Merge(result, column.Name, Categories("false"));
                break;
            case CompareExpr { Operator: CompareOp.Equal, Left: ColumnExpr column, Right: BoolExpr value } when IsBoolean(column, metadata):
                Merge(result, column.Name, Categories(value.Value ? "true" : "false"));
                break;
            case CompareExpr { Left: ColumnExpr column, Right: TextExpr text } compare when IsDate(column, metadata)
                && ExpressionCompiler.TryDateTicks(text.Value, metadata.Find(column.Name)!.Format, out double ticks):
                AddBound(result, column.Name, compare.Operator, ticks);
                break;
            case CompareExpr { Left: TextExpr text, Right: ColumnExpr column } compare when IsDate(column, metadata)
                && ExpressionCompiler.TryDateTicks(text.Value, metadata.Find(column.Name)!.Format, out double ticks):
                AddBound(result, column.Name, Flip(compare.Operator), ticks);
                break;
            case CompareExpr { Left: ColumnExpr column, Right: NumberExpr number } compare when IsNumeric(column, metadata):
                AddBound(result, column.Name, compare.Operator, number.Value);
                break;
            case CompareExpr { Left: NumberExpr number, Right: ColumnExpr column } compare when IsNumeric(column, metadata):
                AddBound(result, column.Name, Flip(compare.Operator), number.Value);
                break;
        }
    }

    private static void AddBound(Dictionary<string, ColumnCondition> result, string column, CompareOp op, double value)
    {
        var condition = op switch
        {
            CompareOp.Greater or CompareOp.GreaterOrEqual => new ColumnCondition(null, value, double.PositiveInfinity),
            CompareOp.Less or CompareOp.LessOrEqual => new ColumnCondition(null, double.NegativeInfinity, value),
            CompareOp.Equal => new ColumnCondition(null, value, value),
            _ => null,
        };
        if (condition is not null) Merge(result, column, condition);
    }

    private static void Merge(Dictionary<string, ColumnCondition> result, string column, ColumnCondition condition)
    {
        if (!result.TryGetValue(column, out var existing)) { result[column] = condition; return; }
        var categories = existing.Categories is null ? condition.Categories
            : condition.Categories is null ? existing.Categories
            : existing.Categories.Intersect(condition.Categories).ToHashSet(StringComparer.Ordinal);
        result[column] = new ColumnCondition(categories, Math.Max(existing.Low, condition.Low), Math.Min(existing.High, condition.High));
    }

    private static CompareOp Flip(CompareOp op) => op switch
    {
        CompareOp.Less => CompareOp.Greater,
        CompareOp.LessOrEqual => CompareOp.GreaterOrEqual,
        CompareOp.Greater => CompareOp.Less,
        CompareOp.GreaterOrEqual => CompareOp.LessOrEqual,
        _ => op,
    };

    private static bool IsCategorical(ColumnExpr column, TableMetadata metadata) =>
        metadata.Find(column.Name)?.Type is SemanticType.Categorical or SemanticType.Boolean;

    private static bool IsNumeric(ColumnExpr column, TableMetadata metadata) =>
        metadata.Find(column.Name)?.Type == SemanticType.Numerical;

    private static bool IsBoolean(ColumnExpr column, TableMetadata metadata) => metadata.Find(column.Name)?.Type == SemanticType.Boolean;

    private static bool IsDate(ColumnExpr column, TableMetadata metadata) => metadata.Find(column.Name)?.Type == SemanticType.Datetime;

    private static ColumnCondition Categories(string value) =>
        new(new HashSet<string>(StringComparer.Ordinal) { value }, double.NegativeInfinity, double.PositiveInfinity);
}
