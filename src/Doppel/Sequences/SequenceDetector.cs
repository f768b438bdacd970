using System.Text.RegularExpressions;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Relational;

namespace Doppel.Sequences;

/// <summary>
/// Detects sequence tables: a child table without a key of its own whose rows per parent row are ordered by a
/// datetime, or by a number named like a time or an index (year, step, seq...), that never decreases within any
/// parent in the input. A keyed child (invoices of a customer) is only reported as a candidate: it is usually an
/// entity of its own, pointed at by others.
/// </summary>
public static partial class SequenceDetector
{
    [GeneratedRegex(@"(^|_|\b)(year|yr|date|time|timestamp|ts|step|seq|sequence|index|idx|period|month|week|day|hour|no|num|order)($|_|\b)|(Date|Time|Year)$", RegexOptions.IgnoreCase)]
    private static partial Regex OrderName();

    /// <summary>The metadata with detected sequence tables declared; <paramref name="evidence"/> receives why.</summary>
    public static DatasetMetadata Detect(Database database, ICollection<string> evidence)
    {
        var metadata = database.Metadata;
        var tables = metadata.Tables.ToList();
        foreach (var r in metadata.Relationships)
        {
            if (r.ChildTable == r.ParentTable) continue;
            int t = tables.FindIndex(x => x.Name == r.ChildTable);
            var table = tables[t];
            if (table.Sequence is not null || table.Reference) continue;
            var data = database[table.Name];
            var entityOf = KeyValues.Tuples(data, r.ChildColumns);
            foreach (var column in table.Columns)
            {
                if (r.ChildColumns.Contains(column.Name) || table.Key.Contains(column.Name)) continue;
                bool date = column.Type == SemanticType.Datetime;
                if (!date && !(column.Type == SemanticType.Numerical && column.Integer && OrderName().IsMatch(column.Name))) continue;
                var (entities, ordered, ties) = Ordered(data[column.Name], entityOf);
                if (entities < 2 || ordered < entities) continue;
                string why = $"{table.Name}: rows per {r.ParentTable} row ({string.Join(", ", r.ChildColumns)}) never decrease in '{column.Name}' ({entities:N0} {r.ParentTable} rows with 2 or more{(ties > 0 ? $"; {ties:N0} of them repeat a value (ties, kept)" : "")})";
                if (table.Key.Count > 0)
                {
                    evidence.Add($"{why}; it has a key of its own, so it is not declared a sequence table: declare it with --sequence {table.Name}:{column.Name} if its rows are steps.");
                    break;
                }
                evidence.Add($"{why}: a sequence table, order '{column.Name}'.");
                tables[t] = table with { Sequence = new SequenceMetadata([.. r.ChildColumns], column.Name) };
                break;
            }
        }
        return metadata with { Tables = tables };
    }

    /// <summary>Entities with two or more rows, how many of them never decrease in row order, how many repeat a value.</summary>
    private static (int Entities, int Ordered, int Ties) Ordered(Column column, string?[] entityOf)
    {
        var last = new Dictionary<string, double>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var broken = new HashSet<string>(StringComparer.Ordinal);
        var tied = new HashSet<string>(StringComparer.Ordinal);
        var values = StepColumns.Numbers(column);
        for (int row = 0; row < values.Length; row++)
        {
            if (entityOf[row] is not { } e) continue;
            if (double.IsNaN(values[row])) { broken.Add(e); continue; }
            counts[e] = counts.GetValueOrDefault(e) + 1;
            if (last.TryGetValue(e, out double before))
            {
                if (values[row] < before) broken.Add(e);
                else if (values[row] == before) tied.Add(e);
            }
            last[e] = values[row];
        }
        var many = counts.Where(p => p.Value >= 2).Select(p => p.Key).ToList();
        return (many.Count, many.Count(e => !broken.Contains(e)), many.Count(tied.Contains));
    }
}
