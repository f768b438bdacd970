using Doppel.Data;
using Doppel.Sampling;

namespace Doppel.Constraints;

/// <summary>
/// One declared rule (docs/constraints.md). <see cref="Holds"/> checks a row, with SQL CHECK semantics: a row where a
/// column the rule names is null passes. <see cref="Repair"/> is the construction step: it changes a generated batch
/// so that most rows hold before they are checked; rules without one are enforced by rejection alone.
/// </summary>
internal abstract class Constraint(string text)
{
    /// <summary>The rule as the user wrote it (a part of it for an <c>and</c>), for messages and the manifest.</summary>
    public string Text { get; } = text;

    /// <summary>The kind, as docs/constraints.md names it (inequality, range, formula, ...).</summary>
    public abstract string Kind { get; }

    /// <summary>The columns the rule reads.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>True when row <paramref name="row"/> obeys the rule.</summary>
    public abstract bool Holds(Table table, int row);

    /// <summary>Changes the batch's rows (its referenced columns are private copies) towards obeying the rule.</summary>
    public virtual void Repair(Table batch, RandomStream random) { }
}
