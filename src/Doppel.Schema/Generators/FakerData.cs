using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Doppel.Schema.Generators;

/// <summary>
/// Bogus's locale word lists (names, street and city parts, states, countries, phone formats, company suffixes,
/// lorem words), read once per locale into arrays. Fakers draw from these with Doppel's streams, never through
/// Bogus's <c>Randomizer</c> (which takes a global lock and would serialize every core).
/// </summary>
internal sealed class FakerData
{
    private static readonly ConcurrentDictionary<string, FakerData> Cache = new(StringComparer.Ordinal);

    private FakerData(string locale)
    {
        Locale = locale;
        // Some locales (fr, de, ...) list first names by sex only: both lists, before falling back to English.
        FirstNames = Words("name", locale, ["first_name"], ["male_first_name", "female_first_name"]);
        LastNames = Words("name", "last_name", locale);
        AsciiFirst = [.. FirstNames.Select(Ascii).Select((a, i) => a.Length > 0 ? a : "user" + i.ToString(CultureInfo.InvariantCulture))];
        AsciiLast = [.. LastNames.Select(Ascii).Select((a, i) => a.Length > 0 ? a : "name" + i.ToString(CultureInfo.InvariantCulture))];
        StreetSuffixes = Words("address", "street_suffix", locale);
        CityPrefixes = Words("address", "city_prefix", locale);
        CitySuffixes = Words("address", "city_suffix", locale);
        States = Words("address", "state", locale);
        Countries = Words("address", "country", locale);
        Postcodes = Formats(Words("address", "postcode", locale), "#####");
        BuildingNumbers = Formats(Words("address", "building_number", locale), "###");
        PhoneFormats = Formats(Words("phone_number", "formats", locale), "###-###-####");
        CompanySuffixes = Words("company", "suffix", locale);
        LoremWords = Words("lorem", "words", locale);
    }

    public string Locale { get; }
    public string[] FirstNames { get; }
    public string[] LastNames { get; }
    public string[] AsciiFirst { get; }
    public string[] AsciiLast { get; }
    public string[] StreetSuffixes { get; }
    public string[] CityPrefixes { get; }
    public string[] CitySuffixes { get; }
    public string[] States { get; }
    public string[] Countries { get; }
    public string[] Postcodes { get; }
    public string[] BuildingNumbers { get; }
    public string[] PhoneFormats { get; }
    public string[] CompanySuffixes { get; }
    public string[] LoremWords { get; }

    public static FakerData For(string locale) => Cache.GetOrAdd(locale, l => new FakerData(l));

    private static string[] Words(string category, string path, string locale) => Words(category, locale, [path]);

    /// <summary>
    /// The words of the first group of paths the locale itself has (a group's paths merged), else of English's;
    /// Bogus's own fallback to English is not used, so a locale's own lists win over English ones.
    /// </summary>
    private static string[] Words(string category, string locale, params string[][] groups)
    {
        foreach (string candidate in new[] { locale, "en" })
            foreach (var group in groups)
            {
                var words = new List<string>();
                foreach (string path in group)
                {
                    if (!Bogus.Database.HasKey(category, path, candidate, candidate)) continue;
                    if (Bogus.Database.Get(category, path, candidate, candidate) is not Bogus.Bson.BArray array) continue;
                    for (int i = 0; i < array.Count; i++)
                        if (array[i].StringValue is { Length: > 0 } s && !s.Contains("#{", StringComparison.Ordinal)) words.Add(s);
                }
                if (words.Count > 0) return [.. words.Distinct(StringComparer.Ordinal)];
            }
        return ["lorem"];
    }

    // Formats keep only what Fill understands (# digit, ? letter, literals).
    private static string[] Formats(string[] formats, string fallback)
    {
        var kept = formats.Where(f => f.Length > 0 && f.Contains('#', StringComparison.Ordinal)).ToArray();
        return kept.Length > 0 ? kept : [fallback];
    }

    /// <summary>The letters of a name folded to a-z (accents dropped), for e-mail addresses.</summary>
    private static string Ascii(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (char c in value.Normalize(NormalizationForm.FormD))
        {
            if (c is >= 'a' and <= 'z') text.Append(c);
            else if (c is >= 'A' and <= 'Z') text.Append((char)(c + 32));
        }
        return text.ToString();
    }
}
