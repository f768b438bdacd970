using Doppel.Data;

namespace Doppel.Metadata;

/// <summary>Turns raw text cells into a typed <see cref="Table"/> as the metadata says, checking every value.</summary>
public static class TableConverter
{
    /// <summary>Converts <paramref name="raw"/>; a value that does not fit its column's type is a clear error.</summary>
    public static Table Convert(RawTable raw, TableMetadata metadata, ICollection<string>? warnings = null, ParseOptions? options = null)
    {
        options ??= ParseOptions.Default;
        CheckColumnsMatch(raw, metadata);
        var columns = new Column[metadata.Columns.Count];
        var position = NameIndex(raw.Names);
        Parallelism.For(0, columns.Length, c =>
        {
            var meta = metadata.Columns[c];
            columns[c] = ConvertColumn(raw.Source, meta, raw.Columns[position[meta.Name]], warnings, options);
        });
        return new Table(columns, raw.RowCount);
    }

    /// <summary>The data and the metadata must name the same columns.</summary>
    public static void CheckColumnsMatch(RawTable raw, TableMetadata metadata)
    {
        // Sets, not list searches: a table may have 10,000 columns.
        var names = NameIndex(raw.Names);
        var described = metadata.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var missing = metadata.Columns.Select(c => c.Name).Where(n => !names.ContainsKey(n)).ToList();
        if (missing.Count > 0)
            throw new DoppelException(ErrorKind.Metadata,
                $"The metadata names column(s) {Quote(missing)} that {raw.Source} does not have. Its columns are {Quote(raw.Names)}.");
        var undescribed = raw.Names.Where(n => !described.Contains(n)).ToList();
        if (undescribed.Count > 0)
            throw new DoppelException(ErrorKind.Metadata,
                $"{raw.Source} has column(s) {Quote(undescribed)} that the metadata does not describe. Add them to the metadata (or run 'doppel inspect' again).");
    }

    /// <summary>Each name's first position.</summary>
    private static Dictionary<string, int> NameIndex(string[] names)
    {
        var index = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++) index.TryAdd(names[i], i);
        return index;
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static Column ConvertColumn(string source, ColumnMetadata meta, string?[] cells, ICollection<string>? warnings, ParseOptions options)
    {
        int n = cells.Length;
        var validity = new Validity(n);
        for (int i = 0; i < n; i++) if (cells[i] is null) validity.Set(i, false);
        DoppelException Bad(int row, string expected) => new(ErrorKind.Data,
            $"{source}: column '{meta.Name}', row {row + 1} holds '{Shorten(cells[row]!)}', which is not {expected}. Fix the value, leave it empty, or change the column's type in the metadata.");

        switch (meta.Type)
        {
            case SemanticType.Numerical:
            {
                var values = new double[n];
                int nan = 0;
                for (int i = 0; i < n; i++)
                {
                    if (cells[i] is not { } cell) continue;
                    if (!ValueParsing.TryNumber(cell, out double x, options.Numbers))
                    {
                        if (options.IsNullToken(cell)) { validity.Set(i, false); continue; }
                        throw Bad(i, "a number");
                    }
                    if (double.IsNaN(x)) { validity.Set(i, false); nan++; continue; }
                    if (double.IsInfinity(x)) throw Bad(i, "a finite number (infinities cannot be modelled)");
                    values[i] = x;
                }
                if (nan > 0) Warn(warnings, $"Column '{meta.Name}': {nan:N0} NaN value(s) read as missing.");
                return new NumberColumn(meta.Name, values, validity);
            }
            case SemanticType.Boolean:
            {
                var values = new bool[n];
                var spelling = meta.Spelling;
                for (int i = 0; i < n; i++)
                {
                    if (cells[i] is not { } cell) continue;
                    if (spelling.TryParse(cell, out values[i])) continue;
                    if (options.IsNullToken(cell)) { validity.Set(i, false); continue; }
                    throw Bad(i, $"a boolean ({spelling.Format}, true/false, yes/no, 1/0)");
                }
                return new BooleanColumn(meta.Name, values, validity);
            }
            case SemanticType.Datetime:
            {
                var ticks = new long[n];
                string primary = meta.Format ?? "yyyy-MM-dd HH:mm:ss";
                // Values in another known format are accepted if it agrees with the primary's day/month order.
                var fallbacks = ValueParsing.DateTimeFormats
                    .Where(f => f != primary && !(ValueParsing.IsDayFirst(primary) && ValueParsing.IsMonthFirst(f))
                                             && !(ValueParsing.IsMonthFirst(primary) && ValueParsing.IsDayFirst(f)))
                    .ToArray();
                for (int i = 0; i < n; i++)
                {
                    if (cells[i] is not { } cell) continue;
                    if (!ValueParsing.TryDateTime(cell, primary, out var value))
                    {
                        bool parsed = false;
                        foreach (var f in fallbacks) if (ValueParsing.TryDateTime(cell, f, out value)) { parsed = true; break; }
                        if (!parsed && options.IsNullToken(cell)) { validity.Set(i, false); continue; }
                        if (!parsed) throw Bad(i, $"a datetime in format {primary}");
                    }
                    ticks[i] = value.Ticks;
                }
                return new DateTimeColumn(meta.Name, ticks, validity);
            }
            case SemanticType.Categorical:
            {
                var codes = new int[n];
                var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
                var categories = new List<string>();
                for (int i = 0; i < n; i++)
                {
                    if (cells[i] is not { } cell) continue;
                    if (!lookup.TryGetValue(cell, out int code))
                    {
                        code = categories.Count;
                        lookup.Add(cell, code);
                        categories.Add(cell);
                    }
                    codes[i] = code;
                }
                return new CategoryColumn(meta.Name, codes, [.. categories], validity);
            }
            default:
                return new StringColumn(meta.Name, (string?[])cells.Clone(), validity);
        }
    }

    private static void Warn(ICollection<string>? warnings, string message)
    {
        if (warnings is null) return;
        lock (warnings) warnings.Add(message);
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";
}
