using System.Globalization;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;

namespace Doppel.Constraints;

/// <summary>
/// The compiled constraints of one model (its metadata's) plus any added for one sampling run. Checked for
/// contradictions when compiled. <see cref="Apply"/> is the construction step on each generated batch; rows are then
/// checked (<see cref="FirstBroken"/>) and uniqueness is checked across batches in output order (<see cref="ConstraintRun"/>).
/// </summary>
internal sealed class ConstraintSet
{
    /// <summary>Real combinations seen fewer times than this are not kept (the rare-category rule, GUIDE §3).</summary>
    public const int MinimumCombinationCount = 5;

    /// <summary>Stream <c>(batch &lt;&lt; 16) + 0xFFFF</c>: above every column's stream <c>(batch &lt;&lt; 16) + 1 + c</c>.</summary>
    private const ulong StreamOffset = 0xFFFF;

    private readonly TableMetadata _metadata;
    private readonly string[] _columns;

    private ConstraintSet(TableMetadata metadata, List<Constraint> constraints, IReadOnlyList<string> texts)
    {
        _metadata = metadata;
        All = constraints;
        Texts = texts;
        _columns = [.. constraints.SelectMany(c => c.Columns).Distinct()];
    }

    /// <summary>The rules, in declaration order (a text with <c>and</c> gives several).</summary>
    public IReadOnlyList<Constraint> All { get; }

    /// <summary>The constraints as declared.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>True when there is nothing to enforce.</summary>
    public bool IsEmpty => All.Count == 0;

    /// <summary>
    /// Compiles <paramref name="metadata"/>'s constraints and <paramref name="added"/> ones (from <c>--constraint</c>),
    /// with the model's <paramref name="state"/> (seen combinations) when there is one.
    /// </summary>
    public static ConstraintSet Compile(TableMetadata metadata, IEnumerable<string> added, ConstraintState? state)
    {
        var constraints = new List<Constraint>();
        var texts = new List<string>();
        foreach (var text in metadata.Constraints)
        {
            try { constraints.AddRange(ConstraintParser.Parse(text, metadata, "constraint")); }
            catch (DoppelException e) when (e.Kind == ErrorKind.Usage)
            {
                throw new DoppelException(ErrorKind.Metadata, $"The metadata's {e.Message}\nFix the table's \"constraints\" (docs/constraints.md).", e);
            }
            texts.Add(text);
        }
        foreach (var text in added)
        {
            if (texts.Contains(text)) continue;
            constraints.AddRange(ConstraintParser.Parse(text, metadata, "--constraint"));
            texts.Add(text);
        }
        if (state is not null)
            foreach (var combination in constraints.OfType<CombinationConstraint>())
                if (state.Combinations.TryGetValue(combination.StateKey, out var seen)) combination.Use(seen);
        ConstraintContradictions.Check(constraints);
        foreach (var multiple in constraints.OfType<MultipleOfConstraint>())
        {
            var bounds = constraints.OfType<RangeConstraint>().Where(r => r.Column == multiple.Column).ToArray();
            multiple.InRange = x => bounds.All(b => b.IsLower ? (b.Strict ? x > b.Bound : x >= b.Bound) : (b.Strict ? x < b.Bound : x <= b.Bound));
        }
        return new ConstraintSet(metadata, constraints, texts);
    }

    /// <summary>Learns what the rules need from the (kept) real data: the combinations of each combination rule.</summary>
    public Dictionary<string, SeenCombinations> Learn(Table data, bool keepRare)
    {
        var learned = new Dictionary<string, SeenCombinations>(StringComparer.Ordinal);
        foreach (var combination in All.OfType<CombinationConstraint>())
        {
            if (learned.ContainsKey(combination.StateKey)) continue;
            var seen = combination.Learn(data, keepRare ? 1 : MinimumCombinationCount);
            learned[combination.StateKey] = seen;
        }
        foreach (var combination in All.OfType<CombinationConstraint>()) combination.Use(learned[combination.StateKey]);
        return learned;
    }

    /// <summary>
    /// The construction step for one generated batch: the columns the rules read are copied (generators may share
    /// arrays), numbers and datetimes are rounded as they will be written, then every rule repairs what it can.
    /// </summary>
    public Table Apply(Table batch, long batchIndex, ulong seed)
    {
        var columns = batch.Columns.ToArray();
        for (int i = 0; i < columns.Length; i++)
        {
            if (!_columns.Contains(columns[i].Name)) continue;
            var meta = _metadata.Find(columns[i].Name)!;
            columns[i] = columns[i] switch
            {
                NumberColumn n => new NumberColumn(n.Name, [.. n.Values.Select((v, row) => n.IsNull(row) ? v : Cells.Round(v, meta))], n.Validity),
                DateTimeColumn d => new DateTimeColumn(d.Name, [.. d.Ticks.Select((t, row) => d.IsNull(row) ? t : AsWritten(t, meta.Format))], d.Validity),
                CategoryColumn c => new CategoryColumn(c.Name, (int[])c.Codes.Clone(), c.Categories, c.Validity),
                BooleanColumn b => new BooleanColumn(b.Name, (bool[])b.Values.Clone(), b.Validity),
                var other => other,
            };
        }
        var table = new Table(columns, batch.RowCount);
        var random = new RandomStream(seed, ((ulong)batchIndex << 16) + StreamOffset);
        foreach (var constraint in All) constraint.Repair(table, random);
        return table;
    }

    /// <summary>The datetime as the writer will format it, read back (a date-only format drops the time).</summary>
    private static long AsWritten(long ticks, string? format)
    {
        if (ticks < 0 || ticks > DateTime.MaxValue.Ticks) return ticks;
        format ??= "yyyy-MM-dd HH:mm:ss";
        string text = new DateTime(ticks).ToString(format, CultureInfo.InvariantCulture);
        return DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) ? back.Ticks : ticks;
    }

    /// <summary>The index of the first rule row <paramref name="row"/> breaks, or -1.</summary>
    public int FirstBroken(Table table, int row)
    {
        for (int i = 0; i < All.Count; i++) if (!All[i].Holds(table, row)) return i;
        return -1;
    }

    /// <summary>Per declared constraint, the rows of <paramref name="data"/> that break it, and which rows break any.</summary>
    /// <remarks>Combination rules are learned from the data, so they are not counted; a duplicate of an earlier row's
    /// value breaks a uniqueness rule.</remarks>
    public (Dictionary<string, long> PerConstraint, bool[] Broken) Violations(Table data)
    {
        var perText = Texts.ToDictionary(t => t, _ => new bool[data.RowCount], StringComparer.Ordinal);
        var broken = new bool[data.RowCount];
        foreach (var constraint in All)
        {
            if (constraint is CombinationConstraint) continue;
            var rows = perText[constraint.Text];
            if (constraint is UniqueConstraint unique)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var column = Cells.Of(data, unique.Column);
                for (int row = 0; row < data.RowCount; row++)
                    if (Cells.Key(column, row) is { } key && !seen.Add(key)) rows[row] = broken[row] = true;
            }
            else
                for (int row = 0; row < data.RowCount; row++)
                    if (!constraint.Holds(data, row)) rows[row] = broken[row] = true;
        }
        // A text split at 'and' counts a row once.
        var perConstraint = perText.ToDictionary(p => p.Key, p => (long)p.Value.Count(b => b), StringComparer.Ordinal);
        return (perConstraint, broken);
    }

    /// <summary>The state of one sampling run (rejection counts, the values uniqueness has seen).</summary>
    public ConstraintRun Start() => new(this);
}
