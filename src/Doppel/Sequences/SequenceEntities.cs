using Doppel.Data;
using Doppel.Metadata;
using Doppel.Relational;

namespace Doppel.Sequences;

/// <summary>
/// A sequence table's rows grouped into entities and ordered by the order column within each (stable: rows with the
/// same order value keep their input order). Refuses an order column with nulls, naming table, column and row.
/// </summary>
internal sealed class SequenceEntities
{
    /// <summary>Per entity, its rows in step order.</summary>
    public required int[][] Steps { get; init; }

    /// <summary>Per entity, its key (the tuple of its entity columns, or of its foreign key); null for a single series.</summary>
    public required string?[] Keys { get; init; }

    /// <summary>Per row, the order value as a number (datetime ticks or the number).</summary>
    public required double[] Order { get; init; }

    /// <summary>Whether two steps of one entity share an order value somewhere (baseball: several stints a year).</summary>
    public bool HasTies { get; init; }

    /// <summary>Entities with ties, for the report.</summary>
    public int EntitiesWithTies { get; init; }

    /// <summary>Whether some entity's rows were not in order in the input.</summary>
    public bool WasUnsorted { get; init; }

    /// <summary>Groups <paramref name="data"/> by <paramref name="entityOf"/> (per row, its entity's key; all null: one series).</summary>
    public static SequenceEntities Of(string table, Table data, SequenceMetadata sequence, string?[] entityOf)
    {
        var order = OrderValues(table, data, sequence.Order);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new List<string?>();
        var rows = new List<List<int>>();
        for (int row = 0; row < data.RowCount; row++)
        {
            string key = entityOf[row] ?? "";
            if (!index.TryGetValue(key, out int e))
            {
                index[key] = e = keys.Count;
                keys.Add(entityOf[row]);
                rows.Add([]);
            }
            rows[e].Add(row);
        }
        bool ties = false, unsorted = false;
        int tied = 0;
        var steps = new int[rows.Count][];
        for (int e = 0; e < steps.Length; e++)
        {
            var list = rows[e];
            bool entityTies = false;
            for (int i = 1; i < list.Count; i++)
            {
                if (order[list[i]] < order[list[i - 1]]) unsorted = true;
            }
            // OrderBy is stable: equal order values keep their input order.
            steps[e] = [.. list.OrderBy(r => order[r])];
            for (int i = 1; i < steps[e].Length; i++) if (order[steps[e][i]] == order[steps[e][i - 1]]) entityTies = true;
            if (entityTies) { ties = true; tied++; }
        }
        return new SequenceEntities { Steps = steps, Keys = [.. keys], Order = order, HasTies = ties, EntitiesWithTies = tied, WasUnsorted = unsorted };
    }

    /// <summary>The order column as numbers; a null is refused (a step without a place in its sequence).</summary>
    public static double[] OrderValues(string table, Table data, string orderColumn)
    {
        var column = data[orderColumn];
        var values = new double[column.Length];
        for (int row = 0; row < values.Length; row++)
        {
            if (column.IsNull(row))
                throw new DoppelException(ErrorKind.Data,
                    $"Table '{table}', order column '{orderColumn}' is empty in row {row + 1}; every step of a sequence needs an order value. Fill it in or drop the row.");
            values[row] = column switch
            {
                NumberColumn n => n.Values[row],
                DateTimeColumn d => d.Ticks[row],
                _ => throw new DoppelException(ErrorKind.Metadata, $"Table '{table}': the order column '{orderColumn}' holds {column.Kind} values; it must be a datetime or a number."),
            };
        }
        return values;
    }

    /// <summary>Per row, the tuple of <paramref name="columns"/> (all null when there are none: a single series).</summary>
    public static string?[] KeysOf(Table data, IReadOnlyList<string> columns) =>
        columns.Count == 0 ? new string?[data.RowCount] : [.. KeyValues.Tuples(data, columns).Select(k => k ?? "\u0000null")];
}
