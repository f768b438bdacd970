using System.Globalization;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Rules;

/// <summary>
/// <c>From → To</c>: a column determined by another (a code and its label, a zone and its borough). The synthesizer
/// still models To, but wherever the sampled From has a mapped value, To is written from the mapping, so those rows
/// keep the dependency exactly. Only pairs seen in at least k real rows are mapped (k = 5, or the rare-category
/// threshold when higher): a rarer value is left to the model, so the mapping holds no value a model could not show.
/// </summary>
internal sealed class DeterminedRule : LearnedRule
{
    /// <summary>The determining column (categorical or whole numbers).</summary>
    public required string From { get; init; }

    /// <summary>The derived column (categorical or whole numbers).</summary>
    public required string To { get; init; }

    /// <summary>From's mapped values, as <see cref="Key"/> writes them.</summary>
    public required string[] Keys { get; init; }

    /// <summary>To's value for each key.</summary>
    public required string[] Values { get; init; }

    /// <summary>Real rows with each (key, value) pair.</summary>
    public required long[] Counts { get; init; }

    public override string Derived => To;

    public override IReadOnlyList<string> Reads => [From];

    public override string Text => $"{From} -> {To}";

    /// <summary>A value's key: a category as written, a number in round-trip form; null for null or another kind.</summary>
    public static string? Key(Column column, int row) => column.IsNull(row) ? null : column switch
    {
        CategoryColumn c => c.Categories[c.Codes[row]],
        NumberColumn n => n.Values[row].ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };

    public override ColumnMetadata Encoded(ColumnMetadata derived) => derived;

    public override Column Encode(Table real) => real[To];

    public override Column Decode(Table batch, ColumnMetadata derived)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < Keys.Length; i++) map[Keys[i]] = Values[i];
        Column from = batch[From], to = batch[To];
        int n = batch.RowCount;
        var validity = new Validity(n);
        var mapped = new string?[n];
        // A categorical From is mapped once per category, not once per row.
        var byCode = from is CategoryColumn categorical ? categorical.Categories.Select(c => map.GetValueOrDefault(c)).ToArray() : null;
        for (int i = 0; i < n; i++)
        {
            mapped[i] = byCode is not null ? (from.IsNull(i) ? null : byCode[((CategoryColumn)from).Codes[i]])
                : Key(from, i) is { } key && map.TryGetValue(key, out var value) ? value : null;
            if (mapped[i] is null && to.IsNull(i)) validity.Set(i, false);
        }
        if (to is NumberColumn numbers)
        {
            var values = new double[n];
            for (int i = 0; i < n; i++) values[i] = mapped[i] is { } m ? double.Parse(m, CultureInfo.InvariantCulture) : numbers.Values[i];
            return new NumberColumn(To, values, validity);
        }
        if (to is not CategoryColumn drawn)
        {
            var strings = new string?[n];
            for (int i = 0; i < n; i++) strings[i] = mapped[i] ?? Key(to, i) ?? (to as StringColumn)?.Values[i];
            return new StringColumn(To, strings);
        }
        var categories = drawn.Categories.ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < categories.Count; c++) index.TryAdd(categories[c], c);
        var codes = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (mapped[i] is not { } m) { codes[i] = drawn.Codes[i]; continue; }
            if (!index.TryGetValue(m, out int code)) { code = categories.Count; categories.Add(m); index[m] = code; }
            codes[i] = code;
        }
        return new CategoryColumn(To, codes, [.. categories], validity);
    }

    public override void Validate(TableMetadata metadata)
    {
        var from = metadata.Columns.FirstOrDefault(c => c.Name == From);
        var to = metadata.Columns.FirstOrDefault(c => c.Name == To);
        bool numbers = to?.Type == SemanticType.Numerical;
        if (from is null || to is null || From == To || !Mappable(from) || !Mappable(to)
            || Keys.Length != Values.Length || Keys.Length != Counts.Length || Keys.Distinct(StringComparer.Ordinal).Count() != Keys.Length
            || (numbers && Values.Any(v => !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _))))
            throw new DoppelException(ErrorKind.Model, $"The model's learned rule \"{Text}\" does not fit its columns.");
    }

    /// <summary>Columns a mapping may read or write: categories and whole numbers.</summary>
    public static bool Mappable(ColumnMetadata column) =>
        column.Type == SemanticType.Categorical || (column.Type == SemanticType.Numerical && column.Integer);
}
