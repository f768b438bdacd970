namespace Doppel.Relational;

/// <summary>
/// What <see cref="DatabaseSubset.Select"/> keeps of the root table: exactly one of <see cref="Fraction"/>,
/// <see cref="Rows"/> or <see cref="Where"/>. Immutable; change with <c>with</c>.
/// </summary>
public sealed record SubsetOptions
{
    /// <summary>The table the subset starts from; its chosen rows, their descendants and every row they point at are kept.</summary>
    public required string Root { get; init; }

    /// <summary>The share of the root's rows to keep, in (0, 1]; rounded to the nearest row count.</summary>
    public double? Fraction { get; init; }

    /// <summary>Exactly this many root rows.</summary>
    public long? Rows { get; init; }

    /// <summary>A condition on the root's columns (the language of <c>--where</c>, docs/conditional.md); the rows that meet it.</summary>
    public string? Where { get; init; }

    /// <summary>Seed of the random choice of root rows for <see cref="Fraction"/> and <see cref="Rows"/>.</summary>
    public ulong Seed { get; init; }

    /// <summary>How the root rows were chosen, for messages and manifests (e.g. <c>Customer --rows 5</c>).</summary>
    public string Describe() =>
        Where is not null ? $"{Root} --where {Where}" : Rows is { } n ? $"{Root} --rows {n}" : $"{Root} --fraction {Fraction?.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
