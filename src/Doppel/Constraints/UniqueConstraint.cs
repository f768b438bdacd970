using Doppel.Data;

namespace Doppel.Constraints;

/// <summary>
/// <c>unique(id)</c>: no value twice in the whole output. Checked in output order across batches (a later duplicate
/// is dropped and replaced by a later row), so the output stays deterministic; nulls may repeat, as in SQL.
/// Id columns are unique by construction already (a function of the global row index).
/// </summary>
internal sealed class UniqueConstraint(string text, string column) : Constraint(text)
{
    public string Column { get; } = column;

    public override string Kind => "unique";

    public override IReadOnlyList<string> Columns => [Column];

    /// <summary>Within one row uniqueness always holds; the ordered pass checks it across rows.</summary>
    public override bool Holds(Table table, int row) => true;
}
