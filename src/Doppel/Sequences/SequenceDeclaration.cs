using System.Text.RegularExpressions;
using Doppel.Metadata;

namespace Doppel.Sequences;

/// <summary>
/// Declares sequence tables from the command line's form: <c>TABLE:ORDER</c> (the entity is the foreign key to the
/// table's context table, or the whole table is one series), <c>TABLE(ENTITY[,ENTITY]):ORDER</c>, each optionally
/// with a regular interval, <c>TABLE(station):time@1h</c>; and declared state machines,
/// <c>TABLE.COLUMN: FROM -> TO, FROM -> TO</c>.
/// </summary>
public static partial class SequenceDeclaration
{
    [GeneratedRegex(@"^\s*(?<table>[^():@]+?)\s*(\((?<entity>[^()]*)\))?\s*:\s*(?<order>[^@]+?)\s*(@(?<interval>.+))?\s*$")]
    private static partial Regex Pattern();

    /// <summary>The metadata with the tables named in <paramref name="declarations"/> declared sequence tables.</summary>
    public static DatasetMetadata Apply(DatasetMetadata metadata, IEnumerable<string> declarations)
    {
        foreach (string text in declarations)
        {
            var match = Pattern().Match(text);
            if (!match.Success)
                throw new DoppelException(ErrorKind.Usage, $"--sequence '{text}' is not TABLE:ORDER or TABLE(ENTITY):ORDER (e.g. --sequence seasons(players_id):year, --sequence readings(station):time@1h).");
            string name = match.Groups["table"].Value;
            var table = metadata.FindTable(name)
                ?? throw new DoppelException(ErrorKind.Usage, $"--sequence names table '{name}', which the data does not have. Tables: {string.Join(", ", metadata.Tables.Select(t => t.Name))}.");
            string order = match.Groups["order"].Value;
            string[] entity = match.Groups["entity"].Success
                ? match.Groups["entity"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : [.. metadata.Relationships.FirstOrDefault(r => r.ChildTable == name && r.ParentTable != name)?.ChildColumns ?? []];
            foreach (string column in entity.Append(order))
                if (table.Find(column) is null)
                    throw new DoppelException(ErrorKind.Usage, $"--sequence '{text}' names column '{column}', which table '{name}' does not have. Its columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
            var orderColumn = table.Find(order)!;
            if (orderColumn.Type is not (SemanticType.Datetime or SemanticType.Numerical))
                throw new DoppelException(ErrorKind.Usage, $"--sequence '{text}': the order column '{order}' is {orderColumn.TypeName}; it must be a datetime or a number.");
            if (entity.Contains(order)) throw new DoppelException(ErrorKind.Usage, $"--sequence '{text}': the order column '{order}' cannot also be an entity column.");
            var sequence = new SequenceMetadata(entity, order) { Interval = match.Groups["interval"].Success ? match.Groups["interval"].Value.Trim() : null };
            // An order column or an entity column is no key of the table (its values repeat across entities): drop such a guess.
            var key = table.Key.Contains(order) || entity.Any(table.Key.Contains) ? [] : table.Key;
            metadata = metadata with { Tables = [.. metadata.Tables.Select(t => t.Name == name ? t with { Sequence = sequence, Key = key } : t)] };
        }
        return metadata;
    }

    /// <summary>
    /// The metadata with the state machines of <paramref name="declarations"/> (<c>TABLE.COLUMN: A -> B, B -> C</c>,
    /// repeatable; pairs add up) declared on sequence tables.
    /// </summary>
    public static DatasetMetadata ApplyTransitions(DatasetMetadata metadata, IEnumerable<string> declarations)
    {
        foreach (string text in declarations)
        {
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            string target = colon < 0 ? "" : text[..colon].Trim();
            int dot = target.LastIndexOf('.');
            string usage = $"--transitions '{text}' is not TABLE.COLUMN: FROM -> TO, FROM -> TO (e.g. --transitions 'orders.status: new -> paid, paid -> shipped').";
            if (dot <= 0 || dot == target.Length - 1) throw new DoppelException(ErrorKind.Usage, usage);
            string name = target[..dot], column = target[(dot + 1)..];
            var table = metadata.FindTable(name)
                ?? throw new DoppelException(ErrorKind.Usage, $"--transitions names table '{name}', which the data does not have. Tables: {string.Join(", ", metadata.Tables.Select(t => t.Name))}.");
            if (table.Sequence is not { } sequence)
                throw new DoppelException(ErrorKind.Usage, $"--transitions '{text}': table '{name}' is not a sequence table; declare it with --sequence first.");
            if (table.Find(column) is null)
                throw new DoppelException(ErrorKind.Usage, $"--transitions '{text}' names column '{column}', which table '{name}' does not have. Its columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
            var pairs = text[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(p => SequenceTransition.Parse(p) ?? throw new DoppelException(ErrorKind.Usage, usage)).ToList();
            if (pairs.Count == 0) throw new DoppelException(ErrorKind.Usage, usage);
            var transitions = new Dictionary<string, IReadOnlyList<SequenceTransition>>(sequence.Transitions, StringComparer.Ordinal);
            transitions[column] = [.. transitions.GetValueOrDefault(column) ?? [], .. pairs];
            metadata = metadata with { Tables = [.. metadata.Tables.Select(t => t.Name == name ? t with { Sequence = sequence with { Transitions = transitions } } : t)] };
        }
        return metadata;
    }
}
