using System.Globalization;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Expressions;

/// <summary>A compiled condition over one row of a table.</summary>
public delegate bool RowPredicate(Table table, int row);

/// <summary>
/// Type-checks an <see cref="Expr"/> against the metadata and compiles it to a <see cref="RowPredicate"/>.
/// Numbers compare with numbers, categories and text with quoted text, datetimes with quoted dates
/// (ISO or the column's own format), booleans with true/false. A comparison involving a null is false
/// (use <c>is null</c>), as in SQL. Values may use SQL's upper, lower, trim, length and abs.
/// </summary>
public static class ExpressionCompiler
{
    private enum Kind { Number, Text, Bool, Date, Null }

    /// <summary>The SQL functions a value may use, with SQL's meaning (so a DDL's CHECKs read as written).</summary>
    internal static readonly IReadOnlyList<string> Functions = ["upper", "lower", "trim", "length", "abs"];

    private delegate object? ValueFn(Table table, int row);

    /// <summary>Parses and compiles a condition over the metadata's columns; <paramref name="what"/> names it in errors.</summary>
    public static RowPredicate Predicate(string text, TableMetadata metadata, string what) =>
        Predicate(ExpressionParser.Parse(text, metadata.Columns.Select(c => c.Name), what), metadata, what);

    /// <summary>Compiles a condition; <paramref name="what"/> names it in errors.</summary>
    public static RowPredicate Predicate(Expr expr, TableMetadata metadata, string what = "expression") =>
        new Compiler(metadata, what).Condition(BooleanLiterals.Resolve(expr, metadata));

    /// <summary>A quoted date in a condition: the column's own format, or ISO 8601 (date, or date and time).</summary>
    internal static bool TryDateTicks(string text, string? format, out double ticks)
    {
        foreach (var candidate in new[] { format, "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm" })
        {
            if (candidate is not null && ValueParsing.TryDateTime(text, candidate, out var date))
            {
                ticks = date.Ticks;
                return true;
            }
        }
        ticks = 0;
        return false;
    }

    private sealed class Compiler(TableMetadata metadata, string what)
    {
        public RowPredicate Condition(Expr expr)
        {
            switch (expr)
            {
                case LogicalExpr logical:
                {
                    var left = Condition(logical.Left);
                    var right = Condition(logical.Right);
                    return logical.IsAnd ? (t, r) => left(t, r) && right(t, r) : (t, r) => left(t, r) || right(t, r);
                }
                case NotExpr not:
                {
                    var inner = Condition(not.Operand);
                    return (t, r) => !inner(t, r);
                }
                case IsNullExpr isNull:
                {
                    var (value, _) = Value(isNull.Value);
                    return isNull.Negated ? (t, r) => value(t, r) is not null : (t, r) => value(t, r) is null;
                }
                case CompareExpr compare:
                    return Compare(compare);
                case InExpr inExpr:
                {
                    var items = inExpr.Items.Select(i => new CompareExpr(CompareOp.Equal, inExpr.Value, i, i.Position)).Select(Compare).ToArray();
                    return inExpr.Negated ? (t, r) => !items.Any(p => p(t, r)) : (t, r) => items.Any(p => p(t, r));
                }
                case ColumnExpr column when Meta(column).Type == SemanticType.Boolean:
                {
                    var (value, _) = Value(column);
                    return (t, r) => value(t, r) is true;
                }
                case BoolExpr literal:
                    return (_, _) => literal.Value;
                default:
                    throw Error(expr, "expected a condition (a comparison, 'in', 'is null', or a boolean column)");
            }
        }

        private RowPredicate Compare(CompareExpr compare)
        {
            var (left, leftKind) = Value(compare.Left);
            var (right, rightKind) = Value(compare.Right);
            // A quoted date compared with a datetime column is read as a date.
            if (leftKind == Kind.Date && compare.Right is TextExpr rightText) { right = Date(rightText, compare.Left); rightKind = Kind.Date; }
            if (rightKind == Kind.Date && compare.Left is TextExpr leftText) { left = Date(leftText, compare.Right); leftKind = Kind.Date; }
            if (leftKind == Kind.Null || rightKind == Kind.Null)
                throw Error(compare, "comparisons with null are never true; write 'x is null' or 'x is not null'");
            if (leftKind != rightKind)
                throw Error(compare, $"cannot compare {Describe(compare.Left, leftKind)} with {Describe(compare.Right, rightKind)}");
            if (leftKind is Kind.Text or Kind.Bool && compare.Operator is not (CompareOp.Equal or CompareOp.NotEqual))
                throw Error(compare, $"{Describe(compare.Left, leftKind)} can only be compared with = or !=");
            var op = compare.Operator;
            return (t, r) =>
            {
                object? a = left(t, r), b = right(t, r);
                if (a is null || b is null) return false;
                int order = a switch
                {
                    double x => x.CompareTo((double)b),
                    string s => string.CompareOrdinal(s, (string)b),
                    bool f => f.CompareTo((bool)b),
                    _ => 0,
                };
                return op switch
                {
                    CompareOp.Equal => order == 0,
                    CompareOp.NotEqual => order != 0,
                    CompareOp.Less => order < 0,
                    CompareOp.LessOrEqual => order <= 0,
                    CompareOp.Greater => order > 0,
                    _ => order >= 0,
                };
            };
        }

        private (ValueFn Fn, Kind Kind) Value(Expr expr)
        {
            switch (expr)
            {
                case NumberExpr n: { object boxed = n.Value; return ((_, _) => boxed, Kind.Number); }
                case TextExpr s: return ((_, _) => s.Value, Kind.Text);
                case BoolExpr b: { object boxed = b.Value; return ((_, _) => boxed, Kind.Bool); }
                case NullExpr: return ((_, _) => null, Kind.Null);
                case NegateExpr neg:
                {
                    var (inner, kind) = Value(neg.Operand);
                    if (kind != Kind.Number) throw Error(neg, "only numbers can be negated");
                    return ((t, r) => inner(t, r) is double x ? -x : null, Kind.Number);
                }
                case ArithmeticExpr arithmetic:
                {
                    var (left, lk) = Value(arithmetic.Left);
                    var (right, rk) = Value(arithmetic.Right);
                    if (lk != Kind.Number || rk != Kind.Number) throw Error(arithmetic, $"'{arithmetic.Operator}' needs numbers on both sides");
                    char op = arithmetic.Operator;
                    return ((t, r) => left(t, r) is double a && right(t, r) is double b
                        ? op switch { '+' => a + b, '-' => a - b, '*' => a * b, _ => a / b }
                        : null, Kind.Number);
                }
                case CallExpr call:
                    return Function(call);
                case ColumnExpr column:
                {
                    var meta = Meta(column);
                    string name = column.Name;
                    Kind kind = meta.Type switch
                    {
                        SemanticType.Numerical => Kind.Number,
                        SemanticType.Datetime => Kind.Date,
                        SemanticType.Boolean => Kind.Bool,
                        _ => Kind.Text,
                    };
                    return ((t, r) => Cell(t[name], r), kind);
                }
                default:
                    throw Error(expr, "expected a value");
            }
        }

        /// <summary>The SQL functions a CHECK commonly uses, with SQL's meaning: upper, lower, trim and length of text, abs of a number.</summary>
        private (ValueFn Fn, Kind Kind) Function(CallExpr call)
        {
            string name = call.Name.ToLowerInvariant();
            if (!Functions.Contains(name))
                throw Error(call, $"unknown function '{call.Name}' in a value; functions are upper, lower, trim, length (of text) and abs (of a number)");
            if (call.Arguments.Count != 1) throw Error(call, $"{name} takes one value");
            var (inner, kind) = Value(call.Arguments[0]);
            if (name == "abs")
            {
                if (kind != Kind.Number) throw Error(call, "abs needs a number");
                return ((t, r) => inner(t, r) is double x ? Math.Abs(x) : null, Kind.Number);
            }
            if (kind != Kind.Text) throw Error(call, $"{name} needs text");
            return name switch
            {
                "upper" => ((t, r) => (inner(t, r) as string)?.ToUpperInvariant(), Kind.Text),
                "lower" => ((t, r) => (inner(t, r) as string)?.ToLowerInvariant(), Kind.Text),
                "trim" => ((t, r) => (inner(t, r) as string)?.Trim(' '), Kind.Text),
                _ => ((t, r) => inner(t, r) is string text ? (double)text.Length : null, Kind.Number),
            };
        }

        private static object? Cell(Column column, int row)
        {
            if (column.IsNull(row)) return null;
            return column switch
            {
                NumberColumn n => n.Values[row],
                DateTimeColumn d => (double)d.Ticks[row],
                BooleanColumn b => b.Values[row],
                CategoryColumn c => c.Categories[c.Codes[row]],
                StringColumn s => s.Values[row],
                _ => null,
            };
        }

        private ValueFn Date(TextExpr text, Expr column)
        {
            string? format = column is ColumnExpr c ? Meta(c).Format : null;
            if (TryDateTicks(text.Value, format, out double value))
            {
                object ticks = value;
                return (_, _) => ticks;
            }
            throw Error(text, $"'{text.Value}' is not a date (write it as yyyy-MM-dd{(format is null ? "" : " or " + format)})");
        }

        private ColumnMetadata Meta(ColumnExpr column) =>
            metadata.Find(column.Name) ?? throw Error(column, $"unknown column '{column.Name}'");

        private string Describe(Expr expr, Kind kind) => expr switch
        {
            ColumnExpr c => $"column '{c.Name}' ({Meta(c).TypeName})",
            TextExpr t => $"the text '{t.Value}'",
            NumberExpr n => $"the number {n.Value.ToString(CultureInfo.InvariantCulture)}",
            _ => kind.ToString().ToLowerInvariant(),
        };

        private DoppelException Error(Expr at, string message) =>
            new(ErrorKind.Usage, $"{what}: {message} (at position {at.Position + 1}).");
    }
}
