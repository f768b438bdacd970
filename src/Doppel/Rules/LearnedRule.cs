using System.Text.Json.Serialization;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Rules;

/// <summary>
/// An exact relation between columns, found in the real data at fit time (or declared as a constraint) and kept by
/// construction: the synthesizer models an <see cref="Encode">encoded</see> column in place of <see cref="Derived"/>
/// (for an order, the non-negative gap), and sampling <see cref="Decode">decodes</see> it back from the columns the
/// rule <see cref="Reads"/>. A rule holds no row: only column names, counts and a precision.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(OrderRule), "order")]
[JsonDerivedType(typeof(SumRule), "sum")]
[JsonDerivedType(typeof(DeterminedRule), "determined")]
[JsonDerivedType(typeof(StepRule), "step")]
internal abstract class LearnedRule
{
    /// <summary>The column the rule derives (its place in the table is taken by the encoded column).</summary>
    public abstract string Derived { get; }

    /// <summary>The columns the rule derives from; they are decoded before it.</summary>
    public abstract IReadOnlyList<string> Reads { get; }

    /// <summary>Whether the rule was declared as a constraint (true) or found in the data (false).</summary>
    public bool Declared { get; init; }

    /// <summary>Real rows the rule was checked on, and how many of them kept it.</summary>
    public long Rows { get; init; }

    /// <summary>Real rows that kept the rule.</summary>
    public long Kept { get; init; }

    /// <summary>The rule in the constraint language, e.g. <c>pickup &lt;= dropoff</c>.</summary>
    public abstract string Text { get; }

    /// <summary>The metadata of the column the synthesizer models instead of <see cref="Derived"/>.</summary>
    public abstract ColumnMetadata Encoded(ColumnMetadata derived);

    /// <summary>The encoded column from real data (fit time).</summary>
    public abstract Column Encode(Table real);

    /// <summary>The derived column from a generated batch whose <see cref="Reads"/> columns are already decoded.</summary>
    public abstract Column Decode(Table batch, ColumnMetadata derived);

    /// <summary>
    /// A condition on <see cref="Derived"/> restated on the encoded column, for the inner model to sample towards
    /// (generously: rows are checked afterwards), or null when it cannot be (an order's gap depends on the row).
    /// </summary>
    public virtual Expressions.ColumnCondition? EncodeCondition(Expressions.ColumnCondition condition) => null;

    /// <summary>Checks the rule against the model's metadata (a model file may be inconsistent).</summary>
    public abstract void Validate(TableMetadata metadata);

    /// <summary>What the rule says and where it comes from, for <c>inspect</c> and <c>fit</c>.</summary>
    public virtual string Describe() => Declared
        ? $"{Text} (declared; kept by modelling the difference)"
        : $"{Text} (learned: {Kept:N0} of {Rows:N0} real rows keep it)";
}
