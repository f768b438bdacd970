using Doppel.Constraints;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Schema.Generators;
using Doppel.Schema.Spec;

namespace Doppel.Schema.Generation;

/// <summary>Where a column's values come from.</summary>
internal enum ValueSource
{
    /// <summary>Drawn from the column's own stream.</summary>
    Random,
    /// <summary>Drawn jointly with other columns through a Gaussian copula (its group's stream).</summary>
    Correlated,
    /// <summary>Unique by construction: the value of rank perm(row), or of rank row for sequences.</summary>
    Unique,
    /// <summary>Copied from the parent row a foreign key points at.</summary>
    ForeignKey,
    /// <summary>Distinct among the children of one parent (a composite key with a foreign key).</summary>
    WithinGroup,
    /// <summary>Computed from the row's other columns.</summary>
    Formula,
    /// <summary>One digit of a unique combination: rank perm(row) over the product of the set's values (<see cref="UniqueSetPlan"/>).</summary>
    Combined,
}

/// <summary>
/// A unique set of free columns (<c>unique: [[store, day]]</c>): row r gets combination perm(r) of the members'
/// values, read as a mixed-radix number (first member the lowest digit), so no two rows share a combination.
/// </summary>
internal sealed class UniqueSetPlan
{
    public required int[] Members { get; init; }
    public required ulong[] Spaces { get; init; }
    public required KeyedPermutation Permutation { get; init; }
}

/// <summary>One column as it will be generated.</summary>
internal sealed class ColumnPlan
{
    public required ColumnSpec Spec { get; init; }
    public required ColumnKind Kind { get; init; }
    public string[]? Categories { get; init; }
    public ValueGenerator? Generator { get; init; }
    public Formula? Formula { get; set; }
    public ValueSource Source { get; set; }
    public ulong StreamSeed { get; init; }
    public ulong NullSeed { get; init; }
    public KeyedPermutation Permutation { get; set; }
    public ForeignKeyPlan? ForeignKey { get; set; }
    public int ForeignKeyIndex { get; set; }
    /// <summary>For <see cref="ValueSource.WithinGroup"/>: the foreign key whose children must differ, and how many values there are.</summary>
    public ForeignKeyPlan? Group { get; set; }
    public ulong GroupSpace { get; set; }
    public string Name => Spec.Name;
    /// <summary>CHECKs may redraw it: its value is free (not a key, a foreign key or a formula).</summary>
    public bool Redrawable => Source is ValueSource.Random or ValueSource.Correlated;
}

/// <summary>A foreign key as it will be generated: the parent, the children per parent, and the shuffle of children.</summary>
internal sealed class ForeignKeyPlan
{
    public required ForeignKeySpec Spec { get; init; }
    public required TablePlan Parent { get; init; }
    public required ColumnPlan[] ParentColumns { get; init; }
    public required int[] ChildColumns { get; init; }
    public required ulong Seed { get; init; }
    public required double Nulls { get; init; }
    /// <summary>Prefix sums of children per parent (length parents + 1) when a fan-out is declared; null draws parents uniformly.</summary>
    public long[]? Prefix { get; set; }
    public KeyedPermutation Slots { get; set; }
    public long NonNull { get; set; }
    public long MaxChildren { get; set; }
    public string Describe(string table) => $"{table}({string.Join(", ", Spec.Columns)}) -> {Parent.Name}";
}

/// <summary>Columns drawn jointly: a Cholesky factor of the normal-score correlations derived from the rank correlations.</summary>
internal sealed class CorrelationGroup
{
    public required int[] Columns { get; init; }
    public required double[,] Factor { get; init; }
    public required ulong Seed { get; init; }
}

/// <summary>One CHECK-like rule: the parsed constraint and the columns a failing row redraws.</summary>
internal sealed record CheckPlan(Constraint Constraint, int[] Redraw);

/// <summary>One table as it will be generated.</summary>
internal sealed class TablePlan
{
    public required TableSpec Spec { get; init; }
    public required ColumnPlan[] Columns { get; init; }
    public required TableMetadata Metadata { get; set; }
    public long Rows { get; set; }
    public List<ForeignKeyPlan> ForeignKeys { get; } = [];
    public List<CorrelationGroup> Groups { get; } = [];
    public List<CheckPlan> Checks { get; } = [];
    public List<UniqueSetPlan> UniqueSets { get; } = [];
    /// <summary>Formula columns in the order they can be computed.</summary>
    public List<int> FormulaOrder { get; } = [];
    public string Name => Spec.Name;
    public int IndexOf(string column) => Array.FindIndex(Columns, c => c.Name == column);
}
