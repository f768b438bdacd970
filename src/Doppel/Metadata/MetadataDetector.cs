using System.Text.RegularExpressions;
using Doppel.Data;

namespace Doppel.Metadata;

/// <summary>
/// Detects each column's semantic type from its values and name. Detection is a first draft: users edit the JSON
/// that <c>doppel inspect</c> writes and pass it back with <c>--metadata</c>.
/// </summary>
public static partial class MetadataDetector
{
    /// <summary>Values examined per column for type detection (all rows are checked again on conversion).</summary>
    private const int SampleLimit = 200_000;

    /// <summary>
    /// Detects metadata for a raw table; <paramref name="warnings"/> receives what the user should check.
    /// <paramref name="options"/> gives the number culture and settles dates whose day/month order the values leave open.
    /// </summary>
    public static TableMetadata Detect(RawTable raw, string tableName, ICollection<string>? warnings = null, ParseOptions? options = null)
    {
        options ??= ParseOptions.Default;
        var columns = new List<ColumnMetadata>(raw.Names.Length);
        for (int c = 0; c < raw.Names.Length; c++)
            columns.Add(DetectColumn(raw.Names[c], raw.Columns[c], warnings, options));
        string? primaryKey = columns.FirstOrDefault(c => c.Type == SemanticType.Id)?.Name;
        return new TableMetadata(tableName, columns, primaryKey);
    }

    internal static ColumnMetadata DetectColumn(string name, string?[] cells, ICollection<string>? warnings, ParseOptions? options = null)
    {
        options ??= ParseOptions.Default;
        var values = new List<string>();
        foreach (var cell in cells)
        {
            if (cell is not null) values.Add(cell);
            if (values.Count >= SampleLimit) break;
        }
        if (values.Count == 0)
        {
            warnings?.Add($"Column '{name}' is empty in every row; it is modelled as an all-null categorical.");
            return new ColumnMetadata(name, SemanticType.Categorical);
        }

        var distinct = new HashSet<string>(values, StringComparer.Ordinal);
        bool idName = IdNamePattern().IsMatch(name);

        if (values.TrueForAll(v => ValueParsing.TryBoolean(v, out _)) && distinct.Count <= 8 && !values.TrueForAll(IsDigits))
            return new ColumnMetadata(name, SemanticType.Boolean);

        if (values.TrueForAll(v => ValueParsing.TryNumber(v, out _, options.Numbers)))
        {
            // Card numbers, phone numbers and postal codes written as bare digits are PII, not quantities.
            if (PiiDetector.DetectDigits(name, values) is { } digitsPii) return new ColumnMetadata(name, SemanticType.Pii) { Pii = digitsPii };
            return DetectNumber(name, values, distinct, idName, warnings, options.Numbers);
        }

        var invariant = ParseOptions.Default.Numbers;
        if (options.Numbers.NumberDecimalSeparator != invariant.NumberDecimalSeparator && values.TrueForAll(v => ValueParsing.TryNumber(v, out _, invariant)))
            warnings?.Add($"Column '{name}' holds numbers such as '{values[0]}' that the culture given (--culture, ParseOptions.Numbers) does not read as numbers; " +
                          "it is not modelled as numerical. Check the culture: these values are written in the invariant one.");

        var datetime = DetectDatetime(name, values, options.DateFormat, warnings);
        if (datetime is not null)
        {
            // A date of birth identifies (with a postal code and sex, most people): generated, never modelled from real dates.
            return PiiDetector.IsBirthDateName(name)
                ? new ColumnMetadata(name, SemanticType.Pii) { Pii = PiiKind.BirthDate, Format = datetime.Format }
                : datetime;
        }

        var pii = PiiDetector.Detect(name, values);
        if (pii is not null) return new ColumnMetadata(name, SemanticType.Pii) { Pii = pii };

        bool unique = distinct.Count == values.Count;
        if (unique && values.Count >= 2 && (idName || LooksLikeKeys(values)))
            return new ColumnMetadata(name, SemanticType.Id);

        double distinctShare = (double)distinct.Count / values.Count;
        double meanLength = values.Average(v => v.Length);
        if (distinct.Count > 50 && distinctShare > 0.5)
        {
            if (meanLength >= 20 && values.Count(v => v.Contains(' ')) > values.Count / 2)
                return new ColumnMetadata(name, SemanticType.Text);
            warnings?.Add($"Column '{name}' has {distinct.Count:N0} distinct values in {values.Count:N0} rows; it is treated as free text. Declare it categorical in the metadata to model its categories.");
            return new ColumnMetadata(name, SemanticType.Text);
        }
        int mixedNumbers = values.Count(v => ValueParsing.TryNumber(v, out _, options.Numbers));
        if (mixedNumbers > 0 && mixedNumbers >= values.Count / 2)
            warnings?.Add($"Column '{name}' mixes numbers ({mixedNumbers:N0}) and text ({values.Count - mixedNumbers:N0}); it is modelled as categorical.");
        return new ColumnMetadata(name, SemanticType.Categorical);
    }

    private static ColumnMetadata DetectNumber(string name, List<string> values, HashSet<string> distinct, bool idName, ICollection<string>? warnings, System.Globalization.NumberFormatInfo numbers)
    {
        bool integer = true;
        int? decimals = 0;
        foreach (var v in values)
        {
            ValueParsing.TryNumber(v, out double x, numbers);
            if (!double.IsFinite(x)) continue;
            if (x != Math.Floor(x) || v.Contains(numbers.NumberDecimalSeparator, StringComparison.Ordinal)) integer = false;
            int? d = ValueParsing.DecimalsOf(v, numbers);
            decimals = d is null || decimals is null ? null : Math.Max(decimals.Value, d.Value);
        }
        // NaN and infinities are the converter's to report (NaN read as missing, an infinity refused), once.
        if (integer && idName && distinct.Count == values.Count && values.Count >= 2)
            return new ColumnMetadata(name, SemanticType.Id) { Integer = true };
        if (distinct.Count == 2 && values.Count > 2)
            return new ColumnMetadata(name, SemanticType.Categorical);
        return new ColumnMetadata(name, SemanticType.Numerical)
        {
            Integer = integer,
            Decimals = integer ? 0 : decimals is null ? null : Math.Min(decimals.Value, 15),
        };
    }

    private static ColumnMetadata? DetectDatetime(string name, List<string> values, string? dateFormat, ICollection<string>? warnings)
    {
        int limit = Math.Min(values.Count, 5_000);
        if (dateFormat is not null && values.Take(limit).All(v => ValueParsing.TryDateTime(v, dateFormat, out _)))
            return new ColumnMetadata(name, SemanticType.Datetime) { Format = dateFormat };

        // Count, for each known format, how many values it parses; a column is a datetime when every value parses
        // with some format. The most common format is the one synthetic values are written in.
        string[] formats = ValueParsing.DateTimeFormats;
        var counts = new int[formats.Length];
        for (int i = 0; i < limit; i++)
        {
            bool any = false;
            for (int f = 0; f < counts.Length; f++)
            {
                if (ValueParsing.TryDateTime(values[i], formats[f], out _)) { counts[f]++; any = true; }
            }
            if (!any) return null;
        }
        // Day/month order is decided by the values (a day above 12 parses one way only), never guessed (GUIDE §7).
        int dayFirst = Enumerable.Range(0, counts.Length).Where(f => ValueParsing.IsDayFirst(formats[f])).Max(f => counts[f]);
        int monthFirst = Enumerable.Range(0, counts.Length).Where(f => ValueParsing.IsMonthFirst(formats[f])).Max(f => counts[f]);
        int other = Enumerable.Range(0, counts.Length).Where(f => !ValueParsing.IsDayFirst(formats[f]) && !ValueParsing.IsMonthFirst(formats[f])).Max(f => counts[f]);
        if (dayFirst > 0 && dayFirst == monthFirst && other < dayFirst)
        {
            warnings?.Add($"Column '{name}': dates such as '{values[0]}' could be day/month or month/day (no day above 12), so it is not read as a date. " +
                          "Pass --date-format (e.g. dd/MM/yyyy or MM/dd/yyyy), or set \"type\": \"datetime\" and \"format\" in the metadata.");
            return null;
        }
        var candidates = Enumerable.Range(0, counts.Length)
            .Where(f => dayFirst > monthFirst ? !ValueParsing.IsMonthFirst(formats[f]) : dayFirst < monthFirst ? !ValueParsing.IsDayFirst(formats[f]) : true);
        int best = candidates.MaxBy(f => counts[f]);
        if (counts[best] < limit)
            warnings?.Add($"Column '{name}' mixes date formats; synthetic values use the most common one, {formats[best]}.");
        return new ColumnMetadata(name, SemanticType.Datetime) { Format = formats[best] };
    }

    private static bool IsDigits(string v) => v.Length > 0 && v.All(char.IsAsciiDigit);

    /// <summary>Unique, short, one-token values of one shape (e.g. <c>C-00123</c>) look like keys.</summary>
    private static bool LooksLikeKeys(List<string> values)
    {
        if (values.Count < 20) return false;
        var shapes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in values.Take(1000))
        {
            if (v.Length > 40 || v.Contains(' ')) return false;
            shapes.Add(Transforms.PatternModel.ShapeOf(v));
            if (shapes.Count > 3) return false;
        }
        return values.Take(1000).Any(v => v.Any(char.IsAsciiDigit));
    }

    [GeneratedRegex(@"(^id$|_id$|^id_|Id$|ID$|^key$|_key$|^uuid$|^guid$)", RegexOptions.CultureInvariant)]
    private static partial Regex IdNamePattern();
}
