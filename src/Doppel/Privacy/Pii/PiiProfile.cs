using System.Text.Json.Serialization;
using Doppel.Metadata;

namespace Doppel.Privacy.Pii;

/// <summary>
/// What a model keeps about a PII column beyond its character shapes: the locale and a few aggregates shared by
/// most rows (an IBAN country, a phone country code, the IPv6 share, a birth-year range). Never a value. Fields
/// a kind does not use keep their defaults and are left out of the model file.
/// </summary>
internal sealed class PiiProfile
{
    /// <summary>A literal prefix must be shared by this share of the values (and by at least k of them) to be kept.</summary>
    private const double SharedPrefixShare = 0.9;

    /// <summary>The Bogus locale for names, addresses and phone formats (checked when a model file is read).</summary>
    public string Locale
    {
        get;
        init => field = PiiLocales.Validate(value);
    } = PiiLocales.Default;

    /// <summary>
    /// A literal prefix that most real values share, kept so synthetic values look local: an IBAN's country code
    /// (<c>DE</c>) or a phone number's country code (<c>+49</c>). Null when the values do not share one.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Prefix { get; init; }

    /// <summary>For IP addresses: the share of IPv6 values.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double Ipv6Share { get; init; }

    /// <summary>For birth dates: the .NET format the values are written in.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? DateFormat { get; init; }

    /// <summary>For birth dates: the first year of the range (the real range widened to whole years).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int FirstYear { get; init; }

    /// <summary>For birth dates: the last year of the range.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int LastYear { get; init; }

    /// <summary>Learns the profile of one PII column from its (non-null) values.</summary>
    public static PiiProfile Fit(PiiKind kind, IEnumerable<string> values, ColumnMetadata meta, string locale, int rareThreshold)
    {
        switch (kind)
        {
            case PiiKind.Iban:
                return new PiiProfile { Locale = locale, Prefix = SharedPrefix(values, IbanCountry, rareThreshold) };
            case PiiKind.Phone:
                return new PiiProfile { Locale = locale, Prefix = SharedPrefix(values, PhoneCountryCode, rareThreshold) };
            case PiiKind.IpAddress:
            {
                int all = 0, v6 = 0;
                foreach (var v in values) { all++; if (v.Contains(':')) v6++; }
                return new PiiProfile { Locale = locale, Ipv6Share = all == 0 ? 0 : (double)v6 / all };
            }
            case PiiKind.BirthDate:
                return BirthDates(values, meta, locale);
            default:
                return new PiiProfile { Locale = locale };
        }
    }

    private static PiiProfile BirthDates(IEnumerable<string> values, ColumnMetadata meta, string locale)
    {
        string[] formats = meta.Format is { } given ? [given, .. ValueParsing.DateTimeFormats] : ValueParsing.DateTimeFormats;
        var counts = new int[formats.Length];
        int first = int.MaxValue, last = int.MinValue;
        foreach (var v in values)
        {
            for (int f = 0; f < formats.Length; f++)
            {
                if (!ValueParsing.TryDateTime(v, formats[f], out var date)) continue;
                counts[f]++;
                first = Math.Min(first, date.Year);
                last = Math.Max(last, date.Year);
                break;
            }
        }
        // Whole years only: the exact earliest and latest birth dates are real people's; their years are coarse.
        if (first > last) (first, last) = (1940, 2005);
        string format = meta.Format ?? formats[Array.IndexOf(counts, counts.Max())];
        return new PiiProfile { Locale = locale, DateFormat = format, FirstYear = first, LastYear = last };
    }

    /// <summary>The prefix <paramref name="prefixOf"/> finds in at least 90% of the values and k times, or null.</summary>
    private static string? SharedPrefix(IEnumerable<string> values, Func<string, string?> prefixOf, int rareThreshold)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int all = 0;
        foreach (var v in values)
        {
            all++;
            if (prefixOf(v) is { } p && (counts.Count < 1_000 || counts.ContainsKey(p))) counts[p] = counts.GetValueOrDefault(p) + 1;
        }
        if (counts.Count == 0) return null;
        var top = counts.MaxBy(p => p.Value);
        return top.Value >= SharedPrefixShare * all && top.Value >= Math.Max(rareThreshold, 1) ? top.Key : null;
    }

    private static string? IbanCountry(string value)
    {
        var v = value.AsSpan().TrimStart();
        return v.Length >= 2 && char.IsAsciiLetterUpper(v[0]) && char.IsAsciiLetterUpper(v[1]) ? v[..2].ToString() : null;
    }

    /// <summary><c>+49</c> in <c>+49 30 1234567</c>: a plus, one to three digits, then a separator.</summary>
    private static string? PhoneCountryCode(string value)
    {
        var v = value.AsSpan().TrimStart();
        if (v.Length < 3 || v[0] != '+') return null;
        int n = 1;
        while (n < v.Length && char.IsAsciiDigit(v[n])) n++;
        return n is >= 2 and <= 4 && n < v.Length && v[n] is ' ' or '-' or '.' or '(' ? v[..n].ToString() : null;
    }
}
