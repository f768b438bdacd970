using System.Text.RegularExpressions;
using Doppel.Expressions;
using Doppel.Metadata;

namespace Doppel.Constraints;

/// <summary>
/// Reads one <c>--constraint</c> (docs/constraints.md) into typed rules: a top-level <c>and</c> is split into its
/// parts; comparisons of two columns are inequalities, of a column with a number ranges, <c>c = a + b</c> formulas;
/// calls (<c>unique</c>, <c>combination</c>, <c>one_hot</c>, <c>multiple_of</c>, <c>matches</c>, <c>positive</c>,
/// <c>negative</c>) the other kinds; anything else a condition enforced by rejection.
/// Errors are usage errors with a caret under the text, as for <c>--where</c>.
/// </summary>
internal sealed class ConstraintParser
{
    private readonly string _text;
    private readonly TableMetadata _metadata;
    private readonly string _what;

    private ConstraintParser(string text, TableMetadata metadata, string what)
    {
        _text = text;
        _metadata = metadata;
        _what = what;
    }

    /// <summary>The rules <paramref name="text"/> declares; <paramref name="what"/> names it in errors.</summary>
    public static List<Constraint> Parse(string text, TableMetadata metadata, string what = "--constraint")
    {
        var expr = BooleanLiterals.Resolve(ExpressionParser.Parse(text, metadata.Columns.Select(c => c.Name), what), metadata);
        var parser = new ConstraintParser(text, metadata, what);
        var parts = new List<Expr>();
        Split(expr, parts);
        return [.. parts.Select(parser.Classify)];
    }

    private static void Split(Expr expr, List<Expr> parts)
    {
        if (expr is LogicalExpr { IsAnd: true } and) { Split(and.Left, parts); Split(and.Right, parts); }
        else parts.Add(expr);
    }

    private Constraint Classify(Expr expr)
    {
        if (expr is CallExpr call) return Call(call);
        // Type-check as a condition first: its errors (unknown column, text compared with a number) are the ones users know.
        RowPredicate predicate;
        try { predicate = ExpressionCompiler.Predicate(expr, _metadata, _what); }
        catch (DoppelException e) when (e.Kind == ErrorKind.Usage && Regex.Match(e.Message, @"^.*?: (.*) \(at position (\d+)\)\.$", RegexOptions.Singleline) is { Success: true } m)
        {
            // The same message with a caret under the text, as the parser's errors have.
            throw Error(int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) - 1, m.Groups[1].Value);
        }
        switch (expr)
        {
            case CompareExpr { Left: ColumnExpr a, Right: ColumnExpr b } c when IsOrder(c.Operator) && Comparable(a, b):
            {
                bool lessThan = c.Operator is CompareOp.Less or CompareOp.LessOrEqual;
                var (low, high) = lessThan ? (a, b) : (b, a);
                var lowMeta = Meta(low);
                var highMeta = Meta(high);
                bool sameFormat = lowMeta.Integer == highMeta.Integer && lowMeta.Decimals == highMeta.Decimals && lowMeta.Format == highMeta.Format;
                return new InequalityConstraint(_text, low.Name, high.Name, c.Operator is CompareOp.Less or CompareOp.Greater, sameFormat);
            }
            case CompareExpr { Operator: CompareOp.Equal } c when (Formula(c.Left, c.Right) ?? Formula(c.Right, c.Left)) is { } formula:
                return formula;
            case CompareExpr c when IsOrder(c.Operator) && c.Left is ColumnExpr col && Literal(c.Right) is { } value && IsNumeric(col):
                return new RangeConstraint(_text, col.Name, value, c.Operator is CompareOp.Greater or CompareOp.GreaterOrEqual, c.Operator is CompareOp.Less or CompareOp.Greater);
            case CompareExpr c when IsOrder(c.Operator) && c.Right is ColumnExpr col && Literal(c.Left) is { } value && IsNumeric(col):
                return new RangeConstraint(_text, col.Name, value, c.Operator is CompareOp.Less or CompareOp.LessOrEqual, c.Operator is CompareOp.Less or CompareOp.Greater);
            case var constant when !ColumnsOf(constant).Any():
                // No column: true or false for every row. False can never be met; true constrains nothing.
                if (!predicate(new Data.Table([]), 0))
                    throw new DoppelException(ErrorKind.Unsatisfiable, $"The constraint \"{_text}\" contradicts itself: it names no column and is never true. Remove it or name a column.");
                return new ConditionConstraint(_text, predicate, [], nullsPass: false);
            default:
                return new ConditionConstraint(_text, predicate, [.. ColumnsOf(expr).Distinct()], nullsPass: !HasNullTest(expr));
        }
    }

    private Constraint? Formula(Expr target, Expr formula)
    {
        if (target is not ColumnExpr column || !IsNumeric(column) || formula is not (ArithmeticExpr or NegateExpr or ColumnExpr) || HasCall(formula)) return null;
        var inputs = ColumnsOf(formula).Distinct().ToList();
        if (inputs.Contains(column.Name) || inputs.Any(name => _metadata.Find(name)!.Type != SemanticType.Numerical)) return null;
        return new FormulaConstraint(_text, Meta(column), Evaluator(formula), inputs);
    }

    // A function inside the arithmetic (total = abs(a - b)) is checked as a condition, not computed as a formula.
    private static bool HasCall(Expr expr) => expr switch
    {
        CallExpr => true,
        ArithmeticExpr a => HasCall(a.Left) || HasCall(a.Right),
        NegateExpr n => HasCall(n.Operand),
        _ => false,
    };

    private static Func<Data.Table, int, double?> Evaluator(Expr expr)
    {
        switch (expr)
        {
            case NumberExpr n: { double v = n.Value; return (_, _) => v; }
            case ColumnExpr c: { string name = c.Name; return (t, r) => Cells.Number(Cells.Of(t, name), r); }
            case NegateExpr neg: { var inner = Evaluator(neg.Operand); return (t, r) => -inner(t, r); }
            case ArithmeticExpr a:
            {
                var left = Evaluator(a.Left);
                var right = Evaluator(a.Right);
                return a.Operator switch
                {
                    '+' => (t, r) => left(t, r) + right(t, r),
                    '-' => (t, r) => left(t, r) - right(t, r),
                    '*' => (t, r) => left(t, r) * right(t, r),
                    _ => (t, r) => right(t, r) is { } d && d != 0 ? left(t, r) / d : null,
                };
            }
            default: throw new InvalidOperationException("not arithmetic");
        }
    }

    private Constraint Call(CallExpr call)
    {
        string name = call.Name.ToLowerInvariant();
        switch (name)
        {
            case "unique":
                return new UniqueConstraint(_text, Column(call, 0, 1, "a column", _ => true).Name);
            case "combination" or "fixed_combinations":
            {
                var columns = Columns(call, "categorical, boolean or numerical", m => m.Type is SemanticType.Categorical or SemanticType.Boolean or SemanticType.Numerical);
                return new CombinationConstraint(_text, columns);
            }
            case "one_hot" or "exclusive":
                return new OneHotConstraint(_text, Columns(call, "boolean or numerical (0/1)", m => m.Type is SemanticType.Boolean or SemanticType.Numerical));
            case "multiple_of":
            {
                var column = Column(call, 0, 2, "a numerical column", m => m.Type == SemanticType.Numerical);
                if (Literal(call.Arguments[1]) is not { } step || !(step > 0) || !double.IsFinite(step))
                    throw Error(call.Arguments[1].Position, "expected the increment, a number greater than 0, e.g. multiple_of(price, 0.05)");
                return new MultipleOfConstraint(_text, Meta(column), step);
            }
            case "matches":
            {
                var column = Column(call, 0, 2, "a categorical, text, id or PII column", m => m.Type is SemanticType.Categorical or SemanticType.Text or SemanticType.Id or SemanticType.Pii);
                if (call.Arguments[1] is not TextExpr pattern) throw Error(call.Arguments[1].Position, "expected a regular expression in single quotes, e.g. matches(code, '[A-Z]{3}-[0-9]+')");
                Regex regex;
                try { regex = new Regex($"^(?:{pattern.Value})$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking); }
                catch (Exception e) when (e is ArgumentException or NotSupportedException)
                {
                    throw Error(pattern.Position, $"'{pattern.Value}' is not a regular expression this engine can use: {e.Message}");
                }
                return new MatchesConstraint(_text, column.Name, regex);
            }
            case "positive" or "negative":
            {
                var column = Column(call, 0, 1, "a numerical column", m => m.Type == SemanticType.Numerical);
                return new RangeConstraint(_text, column.Name, 0, isLower: name == "positive", strict: true);
            }
            default:
                throw Error(call.Position, $"unknown constraint '{call.Name}(...)'; use unique, combination, one_hot, multiple_of, matches, positive, negative, or a comparison");
        }
    }

    private ColumnExpr Column(CallExpr call, int index, int count, string expected, Func<ColumnMetadata, bool> allowed)
    {
        if (call.Arguments.Count != count)
            throw Error(call.Position, $"{call.Name}(...) takes {count} argument{(count == 1 ? "" : "s")}, not {call.Arguments.Count}");
        var argument = call.Arguments[index];
        if (argument is not ColumnExpr column) throw Error(argument.Position, $"expected {expected}");
        var meta = Meta(column);
        if (!allowed(meta)) throw Error(argument.Position, $"column '{column.Name}' is {meta.TypeName}; {call.Name}(...) needs {expected}");
        return column;
    }

    private string[] Columns(CallExpr call, string expected, Func<ColumnMetadata, bool> allowed)
    {
        if (call.Arguments.Count < 2) throw Error(call.Position, $"{call.Name}(...) needs at least two columns");
        var names = new List<string>();
        foreach (var argument in call.Arguments)
        {
            if (argument is not ColumnExpr column) throw Error(argument.Position, $"expected a {expected} column");
            var meta = Meta(column);
            if (!allowed(meta)) throw Error(argument.Position, $"column '{column.Name}' is {meta.TypeName}; {call.Name}(...) needs {expected} columns");
            if (names.Contains(column.Name)) throw Error(argument.Position, $"column '{column.Name}' is named twice");
            names.Add(column.Name);
        }
        return [.. names];
    }

    private static bool IsOrder(CompareOp op) => op is CompareOp.Less or CompareOp.LessOrEqual or CompareOp.Greater or CompareOp.GreaterOrEqual;

    private bool Comparable(ColumnExpr a, ColumnExpr b)
    {
        var (x, y) = (Meta(a).Type, Meta(b).Type);
        return x == y && x is SemanticType.Numerical or SemanticType.Datetime;
    }

    private bool IsNumeric(ColumnExpr column) => Meta(column).Type == SemanticType.Numerical;

    private static double? Literal(Expr expr) => expr switch
    {
        NumberExpr n => n.Value,
        NegateExpr { Operand: NumberExpr n } => -n.Value,
        _ => null,
    };

    private static IEnumerable<string> ColumnsOf(Expr expr) => expr switch
    {
        ColumnExpr c => [c.Name],
        ArithmeticExpr a => ColumnsOf(a.Left).Concat(ColumnsOf(a.Right)),
        NegateExpr n => ColumnsOf(n.Operand),
        CompareExpr c => ColumnsOf(c.Left).Concat(ColumnsOf(c.Right)),
        InExpr i => ColumnsOf(i.Value).Concat(i.Items.SelectMany(ColumnsOf)),
        IsNullExpr n => ColumnsOf(n.Value),
        LogicalExpr l => ColumnsOf(l.Left).Concat(ColumnsOf(l.Right)),
        NotExpr n => ColumnsOf(n.Operand),
        CallExpr c => c.Arguments.SelectMany(ColumnsOf),
        _ => [],
    };

    private static bool HasNullTest(Expr expr) => expr switch
    {
        IsNullExpr => true,
        LogicalExpr l => HasNullTest(l.Left) || HasNullTest(l.Right),
        NotExpr n => HasNullTest(n.Operand),
        _ => false,
    };

    private ColumnMetadata Meta(ColumnExpr column) => _metadata.Find(column.Name)!;

    private DoppelException Error(int position, string message) =>
        new(ErrorKind.Usage, $"{_what}: {message} at position {position + 1}:\n  {_text}\n  {new string(' ', Math.Min(position, _text.Length))}^");
}
