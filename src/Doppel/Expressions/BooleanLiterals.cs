using Doppel.Metadata;

namespace Doppel.Expressions;

/// <summary>
/// Reads quoted text compared with a boolean column in the column's own spelling: with <c>y</c> spelled yes/no,
/// <c>y = 'yes'</c> means <c>y = true</c> (as do <c>'true'</c>, <c>'Y'</c>, <c>'1'</c>). Other text is left as it is,
/// so the type check still names it.
/// </summary>
internal static class BooleanLiterals
{
    public static Expr Resolve(Expr expr, TableMetadata metadata) => expr switch
    {
        CompareExpr { Left: ColumnExpr column, Right: TextExpr text } c when Spelling(column, metadata) is { } s && s.TryParse(text.Value, out bool v)
            => c with { Right = new BoolExpr(v, text.Position) },
        CompareExpr { Left: TextExpr text, Right: ColumnExpr column } c when Spelling(column, metadata) is { } s && s.TryParse(text.Value, out bool v)
            => c with { Left = new BoolExpr(v, text.Position) },
        InExpr { Value: ColumnExpr column } i when Spelling(column, metadata) is { } s
            => i with { Items = [.. i.Items.Select(item => item is TextExpr t && s.TryParse(t.Value, out bool v) ? new BoolExpr(v, t.Position) : item)] },
        LogicalExpr l => l with { Left = Resolve(l.Left, metadata), Right = Resolve(l.Right, metadata) },
        NotExpr n => n with { Operand = Resolve(n.Operand, metadata) },
        _ => expr,
    };

    private static BooleanSpelling? Spelling(ColumnExpr column, TableMetadata metadata) =>
        metadata.Find(column.Name) is { Type: SemanticType.Boolean } meta ? meta.Spelling : null;
}
