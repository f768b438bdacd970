using Doppel.Expressions;
using Doppel.Schema.Spec;

namespace Doppel.Schema.Generation;

/// <summary>
/// A column computed from other columns of its row (<c>price * quantity</c>, <c>round(a / b, 2)</c>), parsed by
/// Doppel's expression parser: numbers, numeric columns, <c>+ - * /</c>, and <c>round</c>, <c>abs</c>, <c>min</c>,
/// <c>max</c>. A null input gives a null.
/// </summary>
internal sealed class Formula
{
    private readonly Expr _expr;

    private Formula(Expr expr, IReadOnlyList<string> inputs)
    {
        _expr = expr;
        Inputs = inputs;
    }

    /// <summary>The columns the formula reads.</summary>
    public IReadOnlyList<string> Inputs { get; }

    public static Formula Parse(string text, IReadOnlyList<string> columns, string what, SpecNode node)
    {
        Expr expr;
        try { expr = ExpressionParser.Parse(text, columns, what); }
        catch (DoppelException e) { throw SpecError.At(node, e.Message); }
        var inputs = new List<string>();
        Check(expr, inputs, what, node);
        return new Formula(expr, [.. inputs.Distinct()]);
    }

    private static void Check(Expr expr, List<string> inputs, string what, SpecNode node)
    {
        switch (expr)
        {
            case NumberExpr: return;
            case ColumnExpr c: inputs.Add(c.Name); return;
            case ArithmeticExpr a: Check(a.Left, inputs, what, node); Check(a.Right, inputs, what, node); return;
            case NegateExpr n: Check(n.Operand, inputs, what, node); return;
            case CallExpr { Name: "round" or "abs" or "min" or "max" } call:
                foreach (var argument in call.Arguments) Check(argument, inputs, what, node);
                return;
            default:
                throw SpecError.At(node, $"{what}: a formula is arithmetic over numeric columns (+ - * /, round, abs, min, max), not '{expr.GetType().Name.Replace("Expr", "", StringComparison.Ordinal).ToLowerInvariant()}'.");
        }
    }

    /// <summary>The value for one row; <paramref name="value"/> gives a column's value in that row (NaN for null).</summary>
    public double Evaluate(Func<string, double> value) => Eval(_expr, value);

    private static double Eval(Expr expr, Func<string, double> value) => expr switch
    {
        NumberExpr n => n.Value,
        ColumnExpr c => value(c.Name),
        NegateExpr n => -Eval(n.Operand, value),
        ArithmeticExpr a => a.Operator switch
        {
            '+' => Eval(a.Left, value) + Eval(a.Right, value),
            '-' => Eval(a.Left, value) - Eval(a.Right, value),
            '*' => Eval(a.Left, value) * Eval(a.Right, value),
            '%' => Eval(a.Left, value) % Eval(a.Right, value),
            _ => Eval(a.Right, value) is var d && d == 0 ? double.NaN : Eval(a.Left, value) / d,
        },
        CallExpr { Name: "abs" } c => Math.Abs(Eval(c.Arguments[0], value)),
        CallExpr { Name: "round" } c => Math.Round(Eval(c.Arguments[0], value), c.Arguments.Count > 1 ? (int)Eval(c.Arguments[1], value) : 0),
        CallExpr { Name: "min" } c => c.Arguments.Select(x => Eval(x, value)).Min(),
        CallExpr { Name: "max" } c => c.Arguments.Select(x => Eval(x, value)).Max(),
        _ => double.NaN,
    };
}
