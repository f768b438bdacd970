namespace Doppel.Expressions;

/// <summary>
/// A parsed expression of the small language used by <c>--where</c>, <c>--constraint</c> and <c>--rebalance</c>
/// (docs/expressions.md). Every node remembers where it starts in the source text, for error messages.
/// </summary>
public abstract record Expr(int Position);

/// <summary>A column reference.</summary>
public sealed record ColumnExpr(string Name, int Position) : Expr(Position);

/// <summary>A number literal.</summary>
public sealed record NumberExpr(double Value, int Position) : Expr(Position);

/// <summary>A quoted text literal (also used for categories and dates).</summary>
public sealed record TextExpr(string Value, int Position) : Expr(Position);

/// <summary>true or false.</summary>
public sealed record BoolExpr(bool Value, int Position) : Expr(Position);

/// <summary>null (a missing value).</summary>
public sealed record NullExpr(int Position) : Expr(Position);

/// <summary>Arithmetic: + − × ÷ on numbers.</summary>
public sealed record ArithmeticExpr(char Operator, Expr Left, Expr Right, int Position) : Expr(Position);

/// <summary>Unary minus.</summary>
public sealed record NegateExpr(Expr Operand, int Position) : Expr(Position);

/// <summary>Comparison operators.</summary>
public enum CompareOp
{
    /// <summary>= or ==</summary>
    Equal,
    /// <summary>!= or &lt;&gt;</summary>
    NotEqual,
    /// <summary>&lt;</summary>
    Less,
    /// <summary>&lt;=</summary>
    LessOrEqual,
    /// <summary>&gt;</summary>
    Greater,
    /// <summary>&gt;=</summary>
    GreaterOrEqual,
}

/// <summary>A comparison; a chain such as <c>0 &lt;= x &lt;= 10</c> is two comparisons joined by and.</summary>
public sealed record CompareExpr(CompareOp Operator, Expr Left, Expr Right, int Position) : Expr(Position);

/// <summary><c>x in ('a', 'b')</c> (or <c>not in</c>).</summary>
public sealed record InExpr(Expr Value, IReadOnlyList<Expr> Items, bool Negated, int Position) : Expr(Position);

/// <summary><c>x is null</c> (or <c>is not null</c>).</summary>
public sealed record IsNullExpr(Expr Value, bool Negated, int Position) : Expr(Position);

/// <summary>and / or.</summary>
public sealed record LogicalExpr(bool IsAnd, Expr Left, Expr Right, int Position) : Expr(Position);

/// <summary>not.</summary>
public sealed record NotExpr(Expr Operand, int Position) : Expr(Position);

/// <summary>A call such as <c>unique(id)</c> or <c>multiple_of(x, 5)</c>: the constraint forms (docs/constraints.md).</summary>
public sealed record CallExpr(string Name, IReadOnlyList<Expr> Arguments, int Position) : Expr(Position);
