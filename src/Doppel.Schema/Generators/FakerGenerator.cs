using System.Text;
using Doppel.Data;
using Doppel.Sampling;

namespace Doppel.Schema.Generators;

/// <summary>
/// Realistic fake values by name (<see cref="Kinds"/>) from Bogus's locale data, drawn with the column's Doppel
/// stream: deterministic per (seed, table, column, block) and free of Bogus's global lock, so it scales with cores.
/// Single-word kinds (first and last names, states, countries, words) are dictionary codes: no string per row.
/// E-mail addresses use the reserved <c>example.*</c> domains (RFC 2606), so none is anybody's mailbox.
/// </summary>
internal sealed class FakerGenerator : ValueGenerator
{
    /// <summary>The faker names a spec may use.</summary>
    public static readonly IReadOnlyList<string> Kinds =
        ["first_name", "last_name", "full_name", "email", "username", "phone", "street_address", "city", "state", "country", "postal_code", "company", "url", "word", "words", "sentence", "paragraph"];

    private static readonly string[] Domains = ["example.com", "example.org", "example.net"];

    private readonly string _kind;
    private readonly FakerData _data;
    private readonly string[]? _categories;
    private readonly int _minWords, _maxWords;

    public FakerGenerator(string kind, string locale, int minWords, int maxWords, int? maxLength = null)
    {
        _kind = kind;
        _data = FakerData.For(locale);
        _minWords = minWords;
        _maxWords = maxWords;
        _categories = kind switch
        {
            "first_name" => _data.FirstNames,
            "last_name" => _data.LastNames,
            "state" => _data.States,
            "country" => _data.Countries,
            "word" => _data.LoremWords,
            _ => null,
        };
        // A column shorter than some words keeps the words that fit (cutting would merge some and misspell them).
        if (_categories is not null && maxLength is { } n && _categories.Any(c => c.Length > n))
            _categories = _categories.Where(c => c.Length <= n).ToArray() is { Length: > 0 } fit ? fit : [.. _categories.Select(c => c[..n]).Distinct()];
    }

    public override ColumnKind Kind => _categories is null ? ColumnKind.String : ColumnKind.Category;

    public override string[]? Categories => _categories;

    public override double Distinct => _categories?.Length ?? double.PositiveInfinity;

    // Unique e-mail addresses: rank k is (first name, last name, domain, number), a bijection of k.
    public override bool CanRank => _categories is not null || _kind == "email";

    private double EmailCombinations => (double)_data.AsciiFirst.Length * _data.AsciiLast.Length * Domains.Length;

    /// <summary>E-mails: twice the rows, rounded up to whole name combinations, so few carry a number.</summary>
    public override double RankSpace(long rows) => _kind == "email" ? EmailCombinations * Math.Ceiling(2.0 * rows / EmailCombinations) : Distinct;

    public override int? MaxLength => _kind == "email" ? _data.AsciiFirst.Max(f => f.Length) + _data.AsciiLast.Max(l => l.Length) + 1 + 6 + 1 + Domains.Max(d => d.Length) : _categories?.Max(c => c.Length);

    public override void FillRank(ColumnData data, int row, ulong rank)
    {
        if (_categories is not null) { data.Codes![row] = (int)rank; return; }
        ulong first = rank % (ulong)_data.AsciiFirst.Length;
        rank /= (ulong)_data.AsciiFirst.Length;
        ulong last = rank % (ulong)_data.AsciiLast.Length;
        rank /= (ulong)_data.AsciiLast.Length;
        ulong domain = rank % (ulong)Domains.Length;
        ulong number = rank / (ulong)Domains.Length;
        var text = new StringBuilder().Append(_data.AsciiFirst[first]).Append('.').Append(_data.AsciiLast[last]);
        if (number > 0) text.Append(number);
        data.Strings![row] = text.Append('@').Append(Domains[domain]).ToString();
    }

    public override void Fill(ColumnData data, int start, int count, long firstRow, ref RandomStream random)
    {
        if (_categories is not null)
        {
            var codes = data.Codes!;
            for (int i = start; i < start + count; i++) codes[i] = random.NextInt(_categories.Length);
            return;
        }
        var strings = data.Strings!;
        var text = new StringBuilder(64);
        for (int i = start; i < start + count; i++)
        {
            strings[i] = _kind switch
            {
                "full_name" => string.Concat(Pick(_data.FirstNames, ref random), " ", Pick(_data.LastNames, ref random)),
                "email" => Email(text, ref random),
                "username" => Username(text, ref random),
                "phone" => FromFormat(text, Pick(_data.PhoneFormats, ref random), ref random),
                "postal_code" => FromFormat(text, Pick(_data.Postcodes, ref random), ref random),
                "street_address" => StreetAddress(text, ref random),
                "city" => City(ref random),
                "company" => Company(ref random),
                "url" => string.Concat("https://www.", Pick(_data.AsciiLast, ref random), ".", Pick(Domains, ref random), "/"),
                "words" => Lorem(text, _minWords, _maxWords, sentence: false, ref random),
                "sentence" => Lorem(text, _minWords, _maxWords, sentence: true, ref random),
                _ => Paragraph(text, ref random),
            };
        }
    }

    private static string Pick(string[] values, ref RandomStream random) => values[random.NextInt(values.Length)];

    private string Email(StringBuilder text, ref RandomStream random)
    {
        text.Clear().Append(Pick(_data.AsciiFirst, ref random)).Append('.').Append(Pick(_data.AsciiLast, ref random));
        if (random.NextInt(4) == 0) text.Append(random.NextInt(100));
        return text.Append('@').Append(Pick(Domains, ref random)).ToString();
    }

    private string Username(StringBuilder text, ref RandomStream random)
    {
        text.Clear().Append(Pick(_data.AsciiFirst, ref random)).Append('_').Append(Pick(_data.AsciiLast, ref random)[0]);
        return text.Append(random.NextInt(1000)).ToString();
    }

    private static string FromFormat(StringBuilder text, string format, ref RandomStream random)
    {
        text.Clear();
        foreach (char c in format)
        {
            text.Append(c switch
            {
                '#' => (char)('0' + random.NextInt(10)),
                '!' => (char)('2' + random.NextInt(8)),
                '?' => (char)('A' + random.NextInt(26)),
                _ => c,
            });
        }
        return text.ToString();
    }

    private string StreetAddress(StringBuilder text, ref RandomStream random)
    {
        FromFormat(text, Pick(_data.BuildingNumbers, ref random), ref random);
        text.Append(' ').Append(random.NextInt(2) == 0 ? Pick(_data.FirstNames, ref random) : Pick(_data.LastNames, ref random));
        return text.Append(' ').Append(Pick(_data.StreetSuffixes, ref random)).ToString();
    }

    private string City(ref RandomStream random) => random.NextInt(4) == 0
        ? string.Concat(Pick(_data.CityPrefixes, ref random), " ", Pick(_data.FirstNames, ref random), Pick(_data.CitySuffixes, ref random))
        : string.Concat(Pick(_data.LastNames, ref random), Pick(_data.CitySuffixes, ref random));

    private string Company(ref RandomStream random) => random.NextInt(3) switch
    {
        0 => string.Concat(Pick(_data.LastNames, ref random), " ", Pick(_data.CompanySuffixes, ref random)),
        1 => string.Concat(Pick(_data.LastNames, ref random), "-", Pick(_data.LastNames, ref random)),
        _ => string.Concat(Pick(_data.LastNames, ref random), ", ", Pick(_data.LastNames, ref random), " and ", Pick(_data.LastNames, ref random)),
    };

    private string Lorem(StringBuilder text, int min, int max, bool sentence, ref RandomStream random)
    {
        text.Clear();
        AppendWords(text, min + random.NextInt(max - min + 1), sentence, ref random);
        return text.ToString();
    }

    private void AppendWords(StringBuilder text, int words, bool sentence, ref RandomStream random)
    {
        int start = text.Length;
        for (int w = 0; w < words; w++)
        {
            if (w > 0) text.Append(' ');
            text.Append(Pick(_data.LoremWords, ref random));
        }
        if (!sentence || text.Length == start) return;
        text[start] = char.ToUpperInvariant(text[start]);
        text.Append('.');
    }

    private string Paragraph(StringBuilder text, ref RandomStream random)
    {
        text.Clear();
        int sentences = 3 + random.NextInt(4);
        for (int s = 0; s < sentences; s++)
        {
            if (s > 0) text.Append(' ');
            AppendWords(text, 4 + random.NextInt(7), sentence: true, ref random);
        }
        return text.ToString();
    }
}
