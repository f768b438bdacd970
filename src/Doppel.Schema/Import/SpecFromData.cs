using System.Globalization;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Schema.Spec;

namespace Doppel.Schema.Import;

/// <summary>
/// Writes a spec holding only aggregate shapes of real data, for someone who may not see the data: per numeric column
/// an equal-count histogram (at most 20 bins, each of at least k = 5 rows; values held by at least k rows and 1% of
/// them are point masses), per categorical column the shares of categories seen at least k times (rarer ones left
/// out), per datetime column its range with weekday and hour profiles, null shares, and for a database the fan-out
/// of every foreign key as a histogram of children per parent. Keys become sequences or patterns; text and personal
/// data become fakers. No row and no rare value is written.
/// </summary>
public static class SpecFromData
{
    /// <summary>Categories (and point masses) seen fewer times than this are not written.</summary>
    public const int MinCount = 5;

    private const int MaxBins = 20;

    /// <summary>A spec for one table, from its typed rows and metadata.</summary>
    public static TableSpec Table(Table table, TableMetadata metadata)
    {
        var columns = metadata.Columns.Select(c => Column(table[c.Name], c, metadata)).ToList();
        return new TableSpec { Name = metadata.Name, Rows = table.RowCount, Columns = columns, Key = metadata.Key };
    }

    /// <summary>A spec for several tables and their relationships (fan-outs from the real children per parent).</summary>
    public static SchemaSpec Database(IReadOnlyList<(Table Table, TableMetadata Metadata)> tables, IReadOnlyList<Relationship> relationships)
    {
        var specs = tables.Select(t => Table(t.Table, t.Metadata)).ToList();
        for (int i = 0; i < specs.Count; i++)
        {
            var fks = relationships.Where(r => r.ChildTable == specs[i].Name).ToList();
            if (fks.Count == 0) continue;
            var fkColumns = fks.SelectMany(r => r.ChildColumns).ToHashSet(StringComparer.Ordinal);
            var (childTable, childMeta) = tables[i];
            // One foreign key carries the fan-out (the one leading the key, else the first): the others draw parents
            // uniformly, which lets a composite key of two foreign keys be built (distinct second parents per first).
            var primary = fks.OrderBy(r => childMeta.Key.ToList().IndexOf(r.ChildColumns[0]) is var k and >= 0 ? k : int.MaxValue).First();
            specs[i] = specs[i] with
            {
                // A foreign key column takes its parent key's type (ids 1..300 are numbered in the parent, so here too).
                Columns = [.. specs[i].Columns.Select(c => fkColumns.Contains(c.Name) ? c with { Generator = null, Guessed = null, Unique = false, Type = ParentType(specs, fks, c) ?? c.Type } : c)],
                ForeignKeys = [.. fks.Select(r => new ForeignKeySpec
                {
                    Columns = r.ChildColumns, References = r.ParentTable, ParentColumns = r.ParentColumns, Name = r.Name,
                    FanOut = r == primary ? FanOut(childTable, r, tables.First(t => t.Metadata.Name == r.ParentTable).Table) : null,
                })],
            };
        }
        return new SchemaSpec { Tables = specs };
    }

    private static SpecType? ParentType(List<TableSpec> specs, List<Relationship> fks, ColumnSpec child)
    {
        foreach (var r in fks)
        {
            int at = r.ChildColumns.ToList().IndexOf(child.Name);
            if (at < 0) continue;
            var parent = specs.FirstOrDefault(t => t.Name == r.ParentTable);
            return parent?.Columns.FirstOrDefault(c => c.Name == r.ParentColumns[at])?.Type;
        }
        return null;
    }

    private static ColumnSpec Column(Column column, ColumnMetadata meta, TableMetadata table)
    {
        int rows = column.Length, nulls = 0;
        for (int i = 0; i < rows; i++) if (column.IsNull(i)) nulls++;
        double nullShare = rows == 0 ? 0 : Math.Round((double)nulls / rows, 4);
        if (nullShare >= 1) nullShare = 0.9999;
        bool isKey = table.Key.Contains(meta.Name);
        var spec = new ColumnSpec { Name = meta.Name, Type = SpecType.String, Nulls = isKey ? 0 : nullShare };
        switch (column)
        {
            case NumberColumn numbers when meta.Type is SemanticType.Id || isKey:
                return spec with { Type = SpecType.Integer, Generator = new GeneratorSpec("sequence", SpecNode.Map().Add("start", 1)), Guessed = "a key: a sequence from 1", Nulls = 0 };
            case NumberColumn numbers:
            {
                var values = Valid(numbers.Values, column);
                bool integer = meta.Integer;
                return spec with
                {
                    Type = integer ? SpecType.Integer : SpecType.Decimal,
                    Decimals = integer ? null : meta.Decimals,
                    Generator = values.Length == 0 ? new GeneratorSpec("constant", SpecNode.Text("0")) : new GeneratorSpec("histogram", Histogram(values)),
                    Min = values.Length == 0 ? null : values.Min(),
                    Max = values.Length == 0 ? null : values.Max(),
                };
            }
            case CategoryColumn categories:
            {
                var counts = new long[categories.Categories.Length];
                for (int i = 0; i < rows; i++) if (!column.IsNull(i)) counts[categories.Codes[i]]++;
                var map = SpecNode.Map();
                foreach (int code in Enumerable.Range(0, counts.Length).Where(c => counts[c] >= MinCount).OrderByDescending(c => counts[c]))
                    map.Add(categories.Categories[code], Math.Round((double)counts[code] / (rows - nulls), 6));
                if (map.Entries!.Count == 0) return spec with { Generator = Faker("words"), Guessed = "no category seen 5 times: words" };
                return spec with { Type = meta.Type == SemanticType.Boolean ? SpecType.Boolean : SpecType.String, Generator = new GeneratorSpec("categories", map) };
            }
            case BooleanColumn booleans:
            {
                long truth = 0, valid = 0;
                for (int i = 0; i < rows; i++) if (!column.IsNull(i)) { valid++; if (booleans.Values[i]) truth++; }
                double share = valid == 0 ? 0.5 : Math.Round((double)truth / valid, 6);
                return spec with { Type = SpecType.Boolean, Generator = new GeneratorSpec("categories", SpecNode.Map().Add("true", share).Add("false", 1 - share)) };
            }
            case DateTimeColumn dates:
            {
                var ticks = new List<long>();
                for (int i = 0; i < rows; i++) if (!column.IsNull(i)) ticks.Add(dates.Ticks[i]);
                bool dateOnly = meta.Format is { } f && !f.Contains('H', StringComparison.Ordinal) && !f.Contains('h', StringComparison.Ordinal);
                if (ticks.Count == 0) return spec with { Type = dateOnly ? SpecType.Date : SpecType.Datetime, Generator = new GeneratorSpec("constant", SpecNode.Text("2020-01-01")) };
                var weekdays = new double[7];
                var hours = new double[24];
                foreach (long t in ticks)
                {
                    var d = new DateTime(t);
                    weekdays[((int)d.DayOfWeek + 6) % 7]++;
                    hours[d.Hour]++;
                }
                var p = SpecNode.Map().Add("from", new DateTime(ticks.Min()).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
                    .Add("to", new DateTime(ticks.Max()).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
                    .Add("weekdays", SpecNode.List(weekdays.Select(w => SpecNode.Number(Math.Round(w / ticks.Count, 4)))));
                if (!dateOnly) p.Add("hours", SpecNode.List(hours.Select(h => SpecNode.Number(Math.Round(h / ticks.Count, 4)))));
                return spec with { Type = dateOnly ? SpecType.Date : SpecType.Datetime, Format = meta.Format, Generator = new GeneratorSpec("datetime", p) };
            }
            default:
            {
                // Ids written as whole numbers without leading zeros (1, 2, ... 300) are numbered, not patterned (no "007").
                if ((meta.Type == SemanticType.Id || isKey) && column is StringColumn ids
                    && ids.Values.Any(v => v is not null)
                    && ids.Values.All(v => v is null || (v.Length is > 0 and < 19 && v.All(char.IsAsciiDigit) && (v.Length == 1 || v[0] != '0'))))
                    return spec with { Type = SpecType.Integer, Generator = new GeneratorSpec("sequence", SpecNode.Map().Add("start", 1)), Unique = !isKey, Guessed = "a key of whole numbers: a sequence from 1" };
                if (meta.Type == SemanticType.Id || isKey)
                    return spec with { Generator = new GeneratorSpec("pattern", SpecNode.Text(KeyPattern((StringColumn)column), quoted: true)), Unique = !isKey, Guessed = "a key: its most common shape, letters and digits drawn afresh" };
                var (kind, why) = meta.Pii switch
                {
                    PiiKind.Email => ("email", "personal data (e-mail): generated fresh"),
                    PiiKind.PersonName => ("full_name", "personal data (name): generated fresh"),
                    PiiKind.Phone => ("phone", "personal data (phone): generated fresh"),
                    PiiKind.Address => ("street_address", "personal data (address): generated fresh"),
                    PiiKind.PostalCode => ("postal_code", "personal data (postal code): generated fresh"),
                    PiiKind.Url => ("url", "personal data (URL): generated fresh"),
                    _ => ("sentence", "free text: never copied, a sentence of lorem words"),
                };
                return spec with { Generator = Faker(kind), Guessed = why };
            }
        }
    }

    private static GeneratorSpec Faker(string kind) => new("faker", SpecNode.Text(kind));

    private static double[] Valid(double[] values, Column column)
    {
        var valid = new List<double>(values.Length);
        for (int i = 0; i < values.Length; i++) if (!column.IsNull(i)) valid.Add(values[i]);
        var result = valid.ToArray();
        Array.Sort(result);
        return result;
    }

    /// <summary>Point masses for values held by at least k rows and 1% of them; equal-count bins of at least k rows for the rest.</summary>
    private static SpecNode Histogram(double[] sorted)
    {
        int n = sorted.Length;
        var masses = new HashSet<double>();
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) j++;
            if (j - i >= MinCount && j - i >= 0.01 * n) masses.Add(sorted[i]);
            i = j;
        }
        var edges = new List<double>();
        var weights = new List<double>();
        foreach (double mass in masses.Order())
        {
            edges.Add(mass); edges.Add(mass);
            weights.Add(sorted.Count(v => v == mass));
        }
        var rest = sorted.Where(v => !masses.Contains(v)).ToArray();
        int bins = Math.Min(MaxBins, rest.Length / MinCount);
        var pairs = new List<(double Low, double High, double Weight)>();
        for (int i = 0; i + 1 < edges.Count; i += 2) pairs.Add((edges[i], edges[i + 1], weights[i / 2]));
        if (bins >= 1)
            for (int b = 0; b < bins; b++)
            {
                int from = b * rest.Length / bins, to = (b + 1) * rest.Length / bins;
                pairs.Add((rest[from], rest[to - 1], to - from));
            }
        else if (pairs.Count == 0) pairs.Add((sorted[0], sorted[^1], n));
        // Bins may overlap (a point mass inside a bin's range), so they are written as [low, high, weight] triples.
        return SpecNode.Map().Add("bins", SpecNode.List(pairs.OrderBy(p => p.Low).ThenBy(p => p.High)
            .Select(p => SpecNode.List([SpecNode.Number(p.Low), SpecNode.Number(p.High), SpecNode.Number(Math.Round(p.Weight / n, 6))]))));
    }

    private static string KeyPattern(StringColumn column)
    {
        var shape = column.Values.Where(v => v is not null).Select(v => Doppel.Transforms.PatternModel.ShapeOf(v!)).GroupBy(s => s).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key ?? "AAAA";
        var text = new System.Text.StringBuilder();
        foreach (char c in shape) text.Append(c switch { '9' => "\\d", 'A' => "[A-Z]", 'a' => "[a-z]", _ when char.IsLetterOrDigit(c) => c.ToString(), _ => "\\" + c });
        return text.ToString();
    }

    private static FanOutSpec FanOut(Table child, Relationship relationship, Table parent)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var parentColumns = relationship.ParentColumns.Select(c => parent[c]).ToArray();
        for (int i = 0; i < parent.RowCount; i++) counts[KeyOf(parentColumns, i)] = 0;
        var childColumns = relationship.ChildColumns.Select(c => child[c]).ToArray();
        for (int i = 0; i < child.RowCount; i++)
            if (childColumns.All(c => !c.IsNull(i)) && counts.TryGetValue(KeyOf(childColumns, i), out long n)) counts[KeyOf(childColumns, i)] = n + 1;
        var histogram = counts.Values.GroupBy(c => c).Where(g => g.Count() >= MinCount).OrderBy(g => g.Key).ToList();
        var map = SpecNode.Map();
        foreach (var g in histogram) map.Add(g.Key.ToString(CultureInfo.InvariantCulture), Math.Round((double)g.Count() / counts.Count, 6));
        long min = histogram.Count > 0 ? histogram[0].Key : 0, max = histogram.Count > 0 ? histogram[^1].Key : 0;
        long children = counts.Values.Sum();
        // Too few parents share a count (the k rule left out the ones that add up): only the mean, which the row counts tell anyway.
        if (counts.Count > 0 && (histogram.Count == 0 || max * counts.Count < children || min * counts.Count > children))
            return new FanOutSpec { Min = 0, Distribution = children == 0 ? null : new GeneratorSpec("poisson", SpecNode.Map().Add("mean", Math.Round((double)children / counts.Count, 6))), Max = children == 0 ? 0 : null };
        return new FanOutSpec { Min = min, Max = max, Distribution = new GeneratorSpec("histogram", map) };
    }

    private static string KeyOf(Column[] columns, int row) => string.Join("\u0001", columns.Select(c => c switch
    {
        NumberColumn n => n.Values[row].ToString("R", CultureInfo.InvariantCulture),
        CategoryColumn cat => cat.Categories[cat.Codes[row]],
        StringColumn s => s.Values[row] ?? "",
        DateTimeColumn d => d.Ticks[row].ToString(CultureInfo.InvariantCulture),
        BooleanColumn b => b.Values[row] ? "1" : "0",
        _ => "",
    }));
}

/// <summary>A spec from metadata alone (no statistics): declared categories drawn evenly, declared bounds uniformly.</summary>
public static class SpecFromMetadata
{
    /// <summary>One table spec per metadata table, each with <paramref name="rows"/> rows; foreign keys from the relationships.</summary>
    public static SchemaSpec Spec(DatasetMetadata metadata, long rows)
    {
        var tables = metadata.Tables.Select(t =>
        {
            var fkColumns = metadata.Relationships.Where(r => r.ChildTable == t.Name).SelectMany(r => r.ChildColumns).ToHashSet(StringComparer.Ordinal);
            var columns = t.Columns.Select(c => fkColumns.Contains(c.Name) ? Plain(c, t) with { Generator = null, Guessed = null } : Plain(c, t)).ToList();
            return new TableSpec
            {
                Name = t.Name, Rows = rows, Columns = columns, Key = t.Key, Constraints = t.Constraints,
                ForeignKeys = [.. metadata.Relationships.Where(r => r.ChildTable == t.Name).Select(r => new ForeignKeySpec { Columns = r.ChildColumns, References = r.ParentTable, ParentColumns = r.ParentColumns, Name = r.Name })],
            };
        }).ToList();
        return new SchemaSpec { Tables = tables };
    }

    private static ColumnSpec Plain(ColumnMetadata c, TableMetadata table)
    {
        bool key = table.Key.Contains(c.Name);
        double nulls = c.Nullable == true && !key ? 0.05 : 0;
        var spec = new ColumnSpec { Name = c.Name, Type = SpecType.String, Nulls = nulls, Guessed = nulls > 0 ? "nullable: 5% nulls" : null };
        switch (c.Type)
        {
            case SemanticType.Id or SemanticType.Numerical when key:
                return spec with { Type = SpecType.Integer, Generator = new GeneratorSpec("sequence", SpecNode.Map().Add("start", 1)), Guessed = "a key: a sequence from 1" };
            case SemanticType.Numerical:
            {
                double low = c.Min ?? 0, high = c.Max ?? (c.Integer ? 100 : 1);
                return spec with
                {
                    Type = c.Integer ? SpecType.Integer : SpecType.Decimal, Decimals = c.Integer ? null : c.Decimals,
                    Generator = new GeneratorSpec("uniform", SpecNode.Map().Add("min", c.Integer ? Math.Ceiling(low) : low).Add("max", c.Integer ? Math.Floor(high) : high)),
                    Guessed = c.Min is null || c.Max is null
                        ? $"no declared bounds: uniform {(c.Integer ? Math.Ceiling(low) : low).ToString(CultureInfo.InvariantCulture)} to {(c.Integer ? Math.Floor(high) : high).ToString(CultureInfo.InvariantCulture)}"
                        : "declared bounds, no shape: uniform",
                };
            }
            case SemanticType.Categorical or SemanticType.Boolean when c.Categories is { Count: > 0 } categories:
                return spec with { Type = c.Type == SemanticType.Boolean ? SpecType.Boolean : SpecType.String, Generator = new GeneratorSpec("categories", SpecNode.List(categories.Select(x => SpecNode.Text(x, quoted: true)))), Guessed = "declared categories, no shares: even" };
            case SemanticType.Boolean:
                return spec with { Type = SpecType.Boolean, Generator = new GeneratorSpec("categories", SpecNode.Map().Add("true", 0.5).Add("false", 0.5)), Guessed = "boolean: even odds" };
            case SemanticType.Datetime:
            {
                var from = c.Min is { } min ? new DateTime((long)min) : new DateTime(2015, 1, 1);
                var to = c.Max is { } max ? new DateTime((long)max) : new DateTime(2025, 12, 31);
                bool dateOnly = c.Format is { } f && !f.Contains('H', StringComparison.Ordinal);
                return spec with
                {
                    Type = dateOnly ? SpecType.Date : SpecType.Datetime, Format = c.Format,
                    Generator = new GeneratorSpec("datetime", SpecNode.Map().Add("from", from.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Add("to", to.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))),
                    Guessed = c.Min is null ? "no declared range: 2015 to 2025" : "declared range, no shape: uniform",
                };
            }
            case SemanticType.Id:
                return spec with { Generator = new GeneratorSpec("pattern", SpecNode.Text("[A-Z0-9]{10}", quoted: true)), Unique = true, Guessed = "an id: ten random letters and digits" };
            case SemanticType.Pii:
                return spec with
                {
                    Generator = new GeneratorSpec("faker", SpecNode.Text(c.Pii switch
                    {
                        PiiKind.Email => "email", PiiKind.PersonName => "full_name", PiiKind.Phone => "phone", PiiKind.Address => "street_address",
                        PiiKind.PostalCode => "postal_code", PiiKind.Url => "url", _ => "words",
                    })),
                    Guessed = "personal data: a faker",
                };
            case SemanticType.Categorical:
                // A handful of placeholder labels keeps the column categorical; 'inspect --domain' declares the real ones.
                return spec with
                {
                    Generator = new GeneratorSpec("categories", SpecNode.List(Enumerable.Range(1, 5).Select(i => SpecNode.Text($"{c.Name}_{i}", quoted: true)))),
                    Guessed = "categorical, no categories declared (inspect --domain declares them): five placeholders",
                };
            default:
                return spec with { Generator = new GeneratorSpec("faker", SpecNode.Text("sentence")), Guessed = "text: a sentence" };
        }
    }
}
