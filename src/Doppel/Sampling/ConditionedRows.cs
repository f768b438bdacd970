namespace Doppel.Sampling;

/// <summary>
/// One part of a sample: a condition (docs/expressions.md) and the exact number of rows that meet it, e.g. a line of
/// a conditions file or one class of a rebalanced sample. Parts are written one after the other, in list order.
/// </summary>
/// <param name="Where">The condition every row of the part meets.</param>
/// <param name="Rows">How many rows the part has (0 or more).</param>
public sealed record ConditionedRows(string Where, long Rows);
