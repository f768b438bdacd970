using System.Text.RegularExpressions;
using Doppel.Data;
using Doppel.Metadata.Parsing;

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

        // Null tokens (n/a, NA, -, ...) are missing where the other values are numbers, booleans or datetimes;
        // elsewhere they are categories like any other text, written back as read.
        var present = values.FindAll(v => !options.IsNullToken(v));
        if (present.Count > 0 && present.Count < values.Count)
        {
            var typedWarnings = new List<string>();
            var typed = DetectValues(name, present, typedWarnings, options);
            if (typed.Type is SemanticType.Numerical or SemanticType.Boolean or SemanticType.Datetime)
            {
                foreach (var w in typedWarnings) warnings?.Add(w);
                return typed;
            }
        }
        return DetectValues(name, values, warnings, options);
    }

    /// <summary>
    /// Fills in what <paramref name="metadata"/> leaves open from the data, as detection would: the spelling of
    /// booleans, the precision and separators of numbers without declared decimals (SDV's <c>Float</c>, which learns
    /// them from the data too), the format of datetimes. What the metadata declares is kept.
    /// </summary>
    public static TableMetadata Complete(RawTable raw, TableMetadata metadata, ParseOptions? options = null)
    {
        options ??= ParseOptions.Default;
        var columns = metadata.Columns.Select(meta =>
        {
            int index = Array.IndexOf(raw.Names, meta.Name);
            if (index < 0 || meta.Format is not null) return meta;
            var values = new List<string>();
            foreach (var cell in raw.Columns[index])
            {
                if (cell is not null && !options.IsNullToken(cell)) values.Add(cell);
                if (values.Count >= SampleLimit) break;
            }
            if (values.Count == 0) return meta;
            switch (meta.Type)
            {
                case SemanticType.Boolean:
                    return meta with { Format = FormatOfSpelling(BooleanSpelling.Learn(values)) };
                case SemanticType.Numerical when values.TrueForAll(v => ValueParsing.TryNumber(v, out _, options.Numbers)):
                    return LearnNumber(values, options.Numbers).Apply(meta, declared: true);
                case SemanticType.Datetime:
                    return DetectDatetime(meta.Name, values, options.DateFormat, null) is { Format: { } format } ? meta with { Format = format } : meta;
                default:
                    return meta;
            }
        });
        return metadata with { Columns = [.. columns] };
    }

    private static ColumnMetadata DetectValues(string name, List<string> values, ICollection<string>? warnings, ParseOptions options)
    {
        var distinct = new HashSet<string>(values, StringComparer.Ordinal);
        bool idName = IdNamePattern().IsMatch(name);

        if (values.TrueForAll(v => ValueParsing.TryBoolean(v, out _)) && distinct.Count <= 8 && !values.TrueForAll(IsDigits))
            return new ColumnMetadata(name, SemanticType.Boolean) { Format = FormatOfSpelling(BooleanSpelling.Learn(values)) };

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

        bool ambiguousDates = false;
        var datetime = DetectDatetime(name, values, options.DateFormat, warnings, () => ambiguousDates = true);
        if (datetime is not null)
        {
            // A date of birth identifies (with a postal code and sex, most people): generated, never modelled from real dates.
            return PiiDetector.IsBirthDateName(name)
                ? new ColumnMetadata(name, SemanticType.Pii) { Pii = PiiKind.BirthDate, Format = datetime.Format }
                : datetime;
        }

        var pii = PiiDetector.Detect(name, values);
        if (pii is not null) return new ColumnMetadata(name, SemanticType.Pii) { Pii = pii };

        var fallback = DetectText(name, values, distinct, idName, warnings);
        if (!ambiguousDates) WarnFallback(fallback, values, warnings, options);
        return fallback;
    }

    private static ColumnMetadata DetectText(string name, List<string> values, HashSet<string> distinct, bool idName, ICollection<string>? warnings)
    {
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
        return new ColumnMetadata(name, SemanticType.Categorical);
    }

    /// <summary>Values examined for the fallback warning: enough to see what most values look like.</summary>
    private const int FallbackSample = 200;

    /// <summary>
    /// One warning when a column that mostly holds numbers or datetimes is modelled as text or categories, naming a
    /// value that is neither, so the user can fix it (or add it with --null-token).
    /// </summary>
    private static void WarnFallback(ColumnMetadata fallback, List<string> values, ICollection<string>? warnings, ParseOptions options)
    {
        if (warnings is null) return;
        var sample = values.Count <= FallbackSample ? values : values.GetRange(0, FallbackSample);
        int numbers = sample.Count(v => ValueParsing.TryNumber(v, out _, options.Numbers));
        int dates = numbers > sample.Count / 2 ? 0 : sample.Count(LooksLikeDate);
        string kind = fallback.Type == SemanticType.Id ? "an id" : fallback.Type == SemanticType.Text ? "free text" : "categorical";
        if (numbers > 0 && numbers >= sample.Count / 2)
        {
            string example = values.FirstOrDefault(v => !ValueParsing.TryNumber(v, out _, options.Numbers)) ?? values[0];
            warnings.Add($"Column '{fallback.Name}' mixes numbers ({numbers:N0} of {sample.Count:N0} values) and text such as '{Shorten(example)}'; it is modelled as {kind}. " +
                         "Fix or remove such values, list them with --null-token to read them as missing, or declare the column's type in the metadata.");
        }
        else if (dates > 0 && dates >= sample.Count / 2)
        {
            string example = values.FirstOrDefault(v => !LooksLikeDate(v)) ?? values[0];
            warnings.Add($"Column '{fallback.Name}' looks like datetimes ({dates:N0} of {sample.Count:N0} values are dates) but holds '{Shorten(example)}', which is not one; it is modelled as {kind}. " +
                         "Fix or remove such values, list them with --null-token to read them as missing, or set \"type\": \"datetime\" and \"format\" in the metadata.");
        }
    }

    /// <summary>A value some known date format reads (a value without digits is never tried: most text has none).</summary>
    private static bool LooksLikeDate(string value) =>
        value.AsSpan().IndexOfAnyInRange('0', '9') >= 0 && ValueParsing.DateTimeFormats.Any(f => ValueParsing.TryDateTime(value, f, out _));

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";

    private static string? FormatOfSpelling(BooleanSpelling spelling) => spelling == BooleanSpelling.Default ? null : spelling.Format;

    /// <summary>How the values are written (whole numbers or not, decimals, thousands separators), in one pass.</summary>
    private static WrittenNumbers LearnNumber(List<string> values, System.Globalization.NumberFormatInfo numbers)
    {
        var written = new WrittenNumbers(numbers);
        foreach (var v in values)
            if (ValueParsing.TryNumber(v, out double x, numbers)) written.Add(v, x);
        return written;
    }

    private static ColumnMetadata DetectNumber(string name, List<string> values, HashSet<string> distinct, bool idName, ICollection<string>? warnings, System.Globalization.NumberFormatInfo numbers)
    {
        var written = LearnNumber(values, numbers);
        // NaN and infinities are the converter's to report (NaN read as missing, an infinity refused), once.
        if (written.Integer && idName && distinct.Count == values.Count && values.Count >= 2)
            return new ColumnMetadata(name, SemanticType.Id) { Integer = true };
        if (distinct.Count == 2 && values.Count > 2)
            return new ColumnMetadata(name, SemanticType.Categorical);
        return written.Apply(new ColumnMetadata(name, SemanticType.Numerical), declared: false);
    }

    private static ColumnMetadata? DetectDatetime(string name, List<string> values, string? dateFormat, ICollection<string>? warnings, Action? ambiguous = null)
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
            ambiguous?.Invoke();
            return null;
        }
        var candidates = Enumerable.Range(0, counts.Length)
            .Where(f => dayFirst > monthFirst ? !ValueParsing.IsMonthFirst(formats[f]) : dayFirst < monthFirst ? !ValueParsing.IsDayFirst(formats[f]) : true);
        int best = candidates.MaxBy(f => counts[f]);
        if (counts[best] < limit)
            warnings?.Add($"Column '{name}' mixes date formats; synthetic values use the most common one, {formats[best]}.");
        return new ColumnMetadata(name, SemanticType.Datetime) { Format = AsWritten(formats[best], values.GetRange(0, limit)) };
    }

    /// <summary>
    /// Narrows a matched format to how the values are written: a fraction of seconds gets as many digits as the values
    /// have (<c>fff</c> when all have three, <c>FFF</c>, trimmed, when they vary), and a UTC offset that every value
    /// shares is kept as written (<c>+02:00</c>), so such values read and write back unchanged.
    /// </summary>
    private static string AsWritten(string format, List<string> values)
    {
        const string AnyFraction = ".FFFFFFF";
        if (format.Contains(AnyFraction, StringComparison.Ordinal))
        {
            int least = int.MaxValue, most = 0;
            foreach (var v in values)
            {
                int digits = FractionDigits(v);
                least = Math.Min(least, digits);
                most = Math.Max(most, digits);
            }
            if (most > 0) format = format.Replace(AnyFraction, "." + new string(least == most ? 'f' : 'F', most), StringComparison.Ordinal);
        }
        if (ValueParsing.HasOffset(format) && values[0].Trim() is { Length: > 6 } first)
        {
            string offset = first[^6..];
            if (values.TrueForAll(v => v.TrimEnd().EndsWith(offset, StringComparison.Ordinal)))
                format = format.Replace("zzz", "'" + offset + "'", StringComparison.Ordinal);
        }
        return format;
    }

    /// <summary>Digits of the fraction of seconds in a timestamp such as <c>2024-01-31 12:00:00.125</c> (0 for none).</summary>
    private static int FractionDigits(string value)
    {
        var span = value.AsSpan();
        for (int i = 3; i < span.Length; i++)
        {
            if (span[i] != '.' || span[i - 3] != ':' || !char.IsAsciiDigit(span[i - 1]) || !char.IsAsciiDigit(span[i - 2])) continue;
            int digits = 0;
            while (i + 1 + digits < span.Length && char.IsAsciiDigit(span[i + 1 + digits])) digits++;
            return digits;
        }
        return 0;
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
