using System.Globalization;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Synthesizers;

namespace Doppel.Sampling;

/// <summary>
/// <c>--scenario</c>: a marginal shifted on purpose for stress tests, with the joint structure kept.
/// <list type="bullet">
/// <item><c>fraud=true:x10</c> — a class made ten times as likely (shares renormalized); its rows are drawn from the
/// model given the class, so every other column follows it as in the real data. One class scenario per sample.</item>
/// <item><c>age:+5</c>, <c>age:-2.5</c> — a numerical column shifted (a datetime column by days); <c>income:x1.1</c> scaled.</item>
/// <item><c>income:nulls+20%</c> — 20% of the column's non-null values blanked, at random.</item>
/// </list>
/// Shifts, scales and blanks apply to the sampled rows before any condition or constraint is checked (the written rows
/// meet them as written); the rest of each row is untouched.
/// </summary>
internal sealed class Scenarios
{
    private const string Option = "--scenario";

    /// <summary>Stream ids (of the part's seed) for random blanking: far above any batch's streams.</summary>
    private const ulong Streams = 0xC0D3_0000_0000_0000UL;

    private readonly List<(int Column, Func<Column, long, ulong, Column> Apply)> _transforms = [];

    /// <summary>The class scenario, if any: column, class and factor.</summary>
    public (ColumnMetadata Column, string Value, double Factor)? ClassWeight { get; private set; }

    /// <summary>Whether any shift, scale or blanking applies to sampled rows.</summary>
    public bool HasTransforms => _transforms.Count > 0;

    /// <summary>Parses and checks <paramref name="specs"/> against the metadata (usage errors say what to fix).</summary>
    public static Scenarios Parse(IReadOnlyList<string>? specs, TableMetadata metadata)
    {
        var result = new Scenarios();
        if (specs is null) return result;
        for (int index = 0; index < specs.Count; index++)
        {
            string spec = specs[index];
            int colon = spec.LastIndexOf(':');
            if (colon <= 0) throw Usage(spec, "expected COLUMN:+N, COLUMN:xF, COLUMN:nulls+P% or COLUMN=VALUE:xF");
            string left = spec[..colon].Trim(), op = spec[(colon + 1)..].Trim();
            int eq = left.IndexOf('=');
            if (eq > 0)
            {
                var column = ModelShares.Column(metadata, Unquote(left[..eq].Trim()), Option);
                string value = Unquote(left[(eq + 1)..].Trim());
                if (!op.StartsWith('x') || !TryNumber(op[1..], out double factor) || !(factor > 0))
                    throw Usage(spec, $"a class takes a factor such as x10 (a positive number), not '{op}'");
                if (result.ClassWeight is not null) throw Usage(spec, "only one class scenario per sample");
                result.ClassWeight = (column, ModelShares.ClassName(column, value), factor);
                continue;
            }
            string name = Unquote(left);
            var meta = metadata.Find(name) ?? throw new DoppelException(ErrorKind.Usage,
                $"{Option} \"{spec}\": unknown column '{name}'; columns are {string.Join(", ", metadata.Columns.Select(c => $"'{c.Name}'"))}.");
            int at = metadata.Columns.ToList().IndexOf(meta);
            if (op.StartsWith("nulls+", StringComparison.OrdinalIgnoreCase) && op.EndsWith('%'))
            {
                if (!TryNumber(op[6..^1], out double percent) || !(percent > 0 && percent <= 100))
                    throw Usage(spec, $"the share of values to blank must be above 0% and at most 100%, not '{op[6..]}'");
                double share = percent / 100;
                int scenario = index;
                result._transforms.Add((at, (column, batch, seed) => Blank(column, share, new RandomStream(seed, Streams + ((ulong)batch << 8) + (ulong)scenario))));
                continue;
            }
            bool scale = op.StartsWith('x');
            if (!(op.StartsWith('+') || op.StartsWith('-') || scale) || !TryNumber(scale ? op[1..] : op, out double amount))
                throw Usage(spec, $"expected +N, -N, xF or nulls+P%, not '{op}'");
            if (meta.Type == SemanticType.Datetime && !scale)
            {
                long ticks = (long)Math.Round(amount * TimeSpan.TicksPerDay);
                result._transforms.Add((at, (column, _, _) => Shift((DateTimeColumn)column, ticks)));
                continue;
            }
            if (meta.Type != SemanticType.Numerical)
                throw Usage(spec, $"column '{meta.Name}' is {meta.Type.ToString().ToLowerInvariant()}; shifts need a numerical column (or a datetime, shifted by days)");
            result._transforms.Add((at, (column, _, _) => Map((NumberColumn)column, scale ? v => v * amount : v => v + amount)));
        }
        return result;
    }

    /// <summary>The sampled batch with the shifts, scales and blanks applied (<paramref name="batch"/> and <paramref name="seed"/> pick the random stream).</summary>
    public Table Apply(Table table, long batch, ulong seed)
    {
        var columns = table.Columns.ToArray();
        foreach (var (column, apply) in _transforms) columns[column] = apply(columns[column], batch, seed);
        return new Table(columns, table.RowCount);
    }

    /// <summary>The parts of a class scenario: per class, rows × its share with the class's share multiplied, renormalized.</summary>
    public IReadOnlyList<ConditionedRows> Plan(SynthesisModel model, long rows, SampleOptions options)
    {
        var (column, value, factor) = ClassWeight!.Value;
        var shares = ModelShares.Of(model, column.Name, options, Option);
        if (!shares.Any(s => s.Value == value))
            throw new DoppelException(ErrorKind.Usage, $"{Option}: column '{column.Name}' has no class '{value}' in the model; its classes are {string.Join(", ", shares.Select(c => $"'{c.Value}'"))}.");
        var counts = ModelShares.Apportion([.. shares.Select(s => s.Value == value ? s.Share * factor : s.Share)], rows);
        return [.. shares.Select((s, i) => new ConditionedRows(ConditionText.Equal(column, s.Value), counts[i])).Where(p => p.Rows > 0)];
    }

    private static Column Map(NumberColumn column, Func<double, double> f)
    {
        var values = new double[column.Length];
        for (int i = 0; i < values.Length; i++) values[i] = column.IsNull(i) ? column.Values[i] : f(column.Values[i]);
        return new NumberColumn(column.Name, values, column.Validity);
    }

    private static Column Shift(DateTimeColumn column, long ticks)
    {
        var values = new long[column.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = column.IsNull(i) ? column.Ticks[i] : Math.Clamp(column.Ticks[i] + ticks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
        return new DateTimeColumn(column.Name, values, column.Validity);
    }

    /// <summary>The column with each non-null value blanked with probability <paramref name="share"/>.</summary>
    private static Column Blank(Column column, double share, RandomStream random)
    {
        var validity = new Validity(column.Length);
        for (int i = 0; i < column.Length; i++)
            if (column.IsNull(i) || random.NextDouble() < share) validity.Set(i, false);
        return column switch
        {
            NumberColumn c => new NumberColumn(c.Name, c.Values, validity),
            CategoryColumn c => new CategoryColumn(c.Name, c.Codes, c.Categories, validity),
            BooleanColumn c => new BooleanColumn(c.Name, c.Values, validity),
            DateTimeColumn c => new DateTimeColumn(c.Name, c.Ticks, validity),
            StringColumn c => new StringColumn(c.Name, c.Values, validity),
            _ => throw new InvalidOperationException($"Column '{column.Name}' has an unknown kind."),
        };
    }

    private static bool TryNumber(string text, out double value) => double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static DoppelException Usage(string spec, string what) => new(ErrorKind.Usage, $"{Option} \"{spec}\": {what}.");

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] is '\'' or '"' && text[^1] == text[0] ? text[1..^1].Replace(new string(text[0], 2), text[0].ToString()) : text;
}
