using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Privacy.Pii;

/// <summary>What <see cref="Pseudonymizer.Run"/> did to one column.</summary>
/// <param name="Name">The column.</param>
/// <param name="Kind">The PII kind its fake values have.</param>
/// <param name="DistinctValues">Distinct non-empty values replaced.</param>
/// <param name="Rederived">
/// Values whose first fake was taken by another value of the column or equal to a real value of the column, so a
/// later derivation was used: their fake depends on which other values the column holds, so it can differ in a
/// table with other values.
/// </param>
/// <param name="SharedFakes">Values that still share their fake with another value (the kind has too few fakes, e.g. first names).</param>
public sealed record PseudonymizedColumn(string Name, PiiKind Kind, int DistinctValues, int Rederived, int SharedFakes);

/// <summary>The pseudonymized rows and what was replaced.</summary>
/// <param name="Table">The input's rows with the PII columns replaced; every other column is the input's, unchanged.</param>
/// <param name="Columns">The replaced columns, in table order.</param>
public sealed record PseudonymizeResult(RawTable Table, IReadOnlyList<PseudonymizedColumn> Columns);
