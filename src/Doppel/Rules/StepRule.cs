using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Rules;

/// <summary>
/// <c>multiple_of(Column, Step)</c>: a number whose real values sit on a lattice coarser than its written precision
/// (credit limits in tens of thousands, counts written as <c>41.0</c>, CO in hundreds). The synthesizer models the
/// whole number Column / Step, so every generated value lands on the lattice as the real ones do; a value between
/// two real steps is something no real row has, and a classifier sees it at once. Real values off the lattice (at
/// most 2%, each a one-off: see <see cref="StepDiscovery"/>) are modelled at their nearest step.
/// </summary>
internal sealed class StepRule : LearnedRule
{
    /// <summary>The column on the lattice.</summary>
    public required string Column { get; init; }

    /// <summary>The lattice's step, a whole multiple of the column's written unit.</summary>
    public required double Step { get; init; }

    /// <summary>Digits the column keeps after the point (0 for whole numbers).</summary>
    public int Decimals { get; init; }

    public override string Derived => Column;

    public override IReadOnlyList<string> Reads => [];

    public override string Text => $"multiple_of({Column}, {Step.ToString("0.###############", System.Globalization.CultureInfo.InvariantCulture)})";

    public override ColumnMetadata Encoded(ColumnMetadata derived) => new(derived.Name, SemanticType.Numerical) { Integer = true };

    /// <summary>A range on the column is the range of steps whose multiples fall in it.</summary>
    public override Expressions.ColumnCondition? EncodeCondition(Expressions.ColumnCondition condition) =>
        condition.Categories is not null ? null : condition with { Low = Math.Ceiling(condition.Low / Step - 1e-9), High = Math.Floor(condition.High / Step + 1e-9) };

    public override Column Encode(Table real)
    {
        var values = (NumberColumn)real[Column];
        var steps = new double[values.Length];
        for (int i = 0; i < steps.Length; i++) if (!values.IsNull(i)) steps[i] = Math.Round(values.Values[i] / Step);
        return new NumberColumn(Column, steps, Copy(values));
    }

    public override Column Decode(Table batch, ColumnMetadata derived)
    {
        var steps = (NumberColumn)batch[Column];
        var values = new double[steps.Length];
        for (int i = 0; i < values.Length; i++) if (!steps.IsNull(i)) values[i] = Math.Round(Math.Round(steps.Values[i]) * Step, Decimals);
        return new NumberColumn(Column, values, Copy(steps));
    }

    private static Validity Copy(Column column)
    {
        var validity = new Validity(column.Length);
        for (int i = 0; i < column.Length; i++) if (column.IsNull(i)) validity.Set(i, false);
        return validity;
    }

    public override void Validate(TableMetadata metadata)
    {
        if (metadata.Columns.FirstOrDefault(c => c.Name == Column)?.Type != SemanticType.Numerical
            || !(Step > 0) || double.IsInfinity(Step) || Decimals is < 0 or > 15)
            throw new DoppelException(ErrorKind.Model, $"The model's learned rule \"{Text}\" does not fit its columns.");
    }
}
