using Doppel.Data;
using Doppel.Expressions;
using Doppel.Metadata;
using Doppel.Synthesizers;

namespace Doppel.Rules;

/// <summary>
/// A model's generator with learned rules: the inner generator (fitted on the encoded table, see
/// <see cref="RuleFit"/>) draws each batch, and every rule decodes its column back, in order.
/// </summary>
internal sealed class RuleGenerator : ModelGenerator
{
    private readonly ColumnMetadata[] _derived;
    private readonly int[] _positions;
    private readonly TableMetadata _encoded;

    public RuleGenerator(ModelGenerator inner, IReadOnlyList<LearnedRule> rules, TableMetadata metadata)
    {
        Inner = inner;
        Rules = rules;
        foreach (var rule in rules) rule.Validate(metadata);
        var names = metadata.Columns.Select(c => c.Name).ToList();
        _positions = [.. rules.Select(r => names.IndexOf(r.Derived))];
        _derived = [.. _positions.Select(p => metadata.Columns[p])];
        _encoded = Encoded(metadata, rules);
    }

    /// <summary>The generator of the encoded table.</summary>
    public ModelGenerator Inner { get; }

    /// <summary>The rules, in decoding order.</summary>
    public IReadOnlyList<LearnedRule> Rules { get; }

    /// <summary>The metadata the inner synthesizer sees: each derived column replaced by its encoded one, no constraints.</summary>
    public static TableMetadata Encoded(TableMetadata metadata, IReadOnlyList<LearnedRule> rules)
    {
        var derived = rules.ToDictionary(r => r.Derived, StringComparer.Ordinal);
        return metadata with
        {
            Columns = [.. metadata.Columns.Select(c => derived.TryGetValue(c.Name, out var rule) ? rule.Encoded(c) : c)],
            Constraints = [],
        };
    }

    public override void Validate(TableMetadata metadata)
    {
        if (Rules.Select(r => r.Derived).Distinct().Count() != Rules.Count)
            throw new DoppelException(ErrorKind.Model, "The model's learned rules derive a column twice.");
        Inner.Validate(Encoded(metadata, Rules));
    }

    public override Table SampleBatch(long batch, long firstRow, int count, ulong seed) => Decode(Inner.SampleBatch(batch, firstRow, count, seed));

    /// <summary>
    /// A condition on a derived column reaches the inner model only when its rule can restate it on the encoded
    /// column (a lattice's steps); others (an order's gap) are met by the row check.
    /// </summary>
    public override Func<long, long, int, ulong, Table>? ConditionalBatches(IReadOnlyDictionary<string, ColumnCondition> conditions, TableMetadata metadata)
    {
        var derived = Rules.ToDictionary(r => r.Derived, StringComparer.Ordinal);
        var usable = new Dictionary<string, ColumnCondition>(StringComparer.Ordinal);
        foreach (var (column, condition) in conditions)
        {
            if (!derived.TryGetValue(column, out var rule)) usable[column] = condition;
            else if (rule.EncodeCondition(condition) is { } encoded) usable[column] = encoded;
        }
        if (usable.Count == 0 || Inner.ConditionalBatches(usable, _encoded) is not { } batches) return null;
        return (batch, first, count, seed) => Decode(batches(batch, first, count, seed));
    }

    private Table Decode(Table table)
    {
        var columns = table.Columns.ToArray();
        for (int r = 0; r < Rules.Count; r++)
        {
            columns[_positions[r]] = Rules[r].Decode(table, _derived[r]);
            table = new Table(columns, table.RowCount);
        }
        return table;
    }
}
