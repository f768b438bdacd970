using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Transforms;

namespace Doppel.Privacy.Pii;

/// <summary>
/// Generates fake values of one PII kind for one batch: names and addresses from Bogus's locale data, numbers in
/// the real column's most common shapes (phone numbers, national ids, card numbers, IBANs, postal codes) with
/// valid check digits, e-mail addresses and URLs on the reserved <c>example.*</c> domains, IP addresses in
/// reserved ranges. No real value is ever an input.
/// </summary>
/// <remarks>
/// Determinism: Bogus draws from its own <see cref="Bogus.Randomizer"/>, seeded from the batch's Doppel stream
/// (never Bogus's global seed); everything else draws from that stream directly, so a batch's values depend only
/// on (seed, batch, column). Creating the Bogus data sets costs microseconds, so it is done once per batch.
/// </remarks>
internal sealed class PiiGenerator
{
    private static readonly string[] SafeDomains = ["example.com", "example.org", "example.net"];
    private const int MaxCachedNames = 100_000;
    private static readonly ConcurrentDictionary<string, string> AsciiCache = new(StringComparer.Ordinal);

    private readonly PiiKind _kind;
    private readonly PiiProfile _profile;
    private readonly ShapeSampler _shapes;
    private readonly CategoricalMarginal? _wordCounts;
    private readonly NameRole _role;
    private readonly Bogus.Randomizer _bogus;
    private Bogus.DataSets.Name? _names, _latinNames;
    private Bogus.DataSets.Address? _addresses;
    private Bogus.DataSets.PhoneNumbers? _phones;
    private Bogus.DataSets.Finance? _finance;

    private PiiGenerator(PiiKind kind, PiiProfile profile, ShapeSampler shapes, CategoricalMarginal? wordCounts, string columnName, int bogusSeed)
    {
        _kind = kind;
        _profile = profile;
        _shapes = shapes;
        _wordCounts = wordCounts;
        _role = RoleOf(columnName);
        _bogus = new Bogus.Randomizer(bogusSeed);
    }

    /// <summary>
    /// The generator for one batch, or null for <see cref="PiiKind.Other"/> (filled from shapes by the caller).
    /// Draws the Bogus seed from <paramref name="random"/> either way, so the stream's use does not depend on the kind.
    /// </summary>
    public static PiiGenerator? ForBatch(PiiKind kind, PiiProfile profile, ShapeSampler shapes, CategoricalMarginal? wordCounts, string columnName, ref RandomStream random)
    {
        int seed = (int)(random.NextUInt64() >> 33); // 31 bits: System.Random (inside Bogus) folds negative seeds
        return kind == PiiKind.Other ? null : new PiiGenerator(kind, profile, shapes, wordCounts, columnName, seed);
    }

    private Bogus.DataSets.Name Names => _names ??= new Bogus.DataSets.Name(_profile.Locale) { Random = _bogus };
    private Bogus.DataSets.Name LatinNames => _latinNames ??= new Bogus.DataSets.Name(PiiLocales.Default) { Random = _bogus };
    private Bogus.DataSets.Address Addresses => _addresses ??= new Bogus.DataSets.Address(_profile.Locale) { Random = _bogus };
    private Bogus.DataSets.PhoneNumbers Phones => _phones ??= new Bogus.DataSets.PhoneNumbers(_profile.Locale) { Random = _bogus };
    private Bogus.DataSets.Finance Finance => _finance ??= new Bogus.DataSets.Finance { Random = _bogus };

    /// <summary>Appends one value to <paramref name="output"/>.</summary>
    public void Append(StringBuilder output, ref RandomStream random)
    {
        switch (_kind)
        {
            case PiiKind.Email: Email(output, ref random); break;
            case PiiKind.PersonName: PersonName(output, ref random); break;
            case PiiKind.Address: Address(output, ref random); break;
            case PiiKind.Phone: Phone(output, ref random); break;
            case PiiKind.NationalId: NationalId(output, ref random); break;
            case PiiKind.CreditCard: CreditCard(output, ref random); break;
            case PiiKind.Iban: IbanNumber(output, ref random); break;
            case PiiKind.IpAddress: IpAddress(output, ref random); break;
            case PiiKind.Url: Url(output, ref random); break;
            case PiiKind.PostalCode: PostalCode(output, ref random); break;
            case PiiKind.BirthDate: BirthDate(output, ref random); break;
            default: throw new InvalidOperationException($"No generator for PII kind {_kind}.");
        }
    }

    /// <summary><c>first.last@example.org</c>, sometimes with a number: the reserved domains (RFC 2606) are nobody's mailbox.</summary>
    private void Email(StringBuilder output, ref RandomStream random)
    {
        var (first, last) = AsciiName();
        output.Append(first).Append('.').Append(last);
        if (random.NextInt(4) == 0) output.Append(random.NextInt(100).ToString(CultureInfo.InvariantCulture));
        output.Append('@').Append(SafeDomains[random.NextInt(SafeDomains.Length)]);
    }

    /// <summary>First and last name of the locale folded to <c>a-z</c>; English names where the locale's do not fold (e.g. kanji).</summary>
    private (string First, string Last) AsciiName()
    {
        var (first, last) = NamePair(Names);
        (first, last) = (Ascii(first), Ascii(last));
        if (first.Length == 0 || last.Length == 0)
        {
            (first, last) = NamePair(LatinNames);
            (first, last) = (Ascii(first), Ascii(last));
        }
        return (first, last);
    }

    /// <summary>A first and a last name of one gender where the locale's names have genders (e.g. <c>ru</c>), as Bogus's FullName.</summary>
    private (string First, string Last) NamePair(Bogus.DataSets.Name names)
    {
        Bogus.DataSets.Name.Gender? gender = names.SupportsGenderFirstNames && names.SupportsGenderLastNames
            ? _bogus.Enum<Bogus.DataSets.Name.Gender>()
            : null;
        return (names.FirstName(gender), names.LastName(gender));
    }

    private void PersonName(StringBuilder output, ref RandomStream random)
    {
        switch (_role)
        {
            case NameRole.First: output.Append(Names.FirstName()); return;
            case NameRole.Last: output.Append(Names.LastName()); return;
        }
        // Full names: as many words as the real values tend to have (one: a given name; three: with a middle name).
        int words = _wordCounts is null ? 2 : Math.Clamp(_wordCounts.Draw(ref random), 1, 3);
        if (words == 1)
        {
            output.Append(Names.FirstName());
            return;
        }
        var (first, last) = NamePair(Names);
        output.Append(first);
        if (words == 3) output.Append(' ').Append(Names.FirstName());
        output.Append(' ').Append(last);
    }

    private void Address(StringBuilder output, ref RandomStream random)
    {
        output.Append(Addresses.StreetAddress());
        // Real values of six or more words are whole addresses: add a city and postal code.
        if (_wordCounts is not null && _wordCounts.Draw(ref random) >= 6)
            output.Append(", ").Append(Addresses.City()).Append(' ').Append(Addresses.ZipCode());
    }

    /// <summary>The real shapes with every digit random (full length, so the space is large); the shared country code kept.</summary>
    private void Phone(StringBuilder output, ref RandomStream random)
    {
        if (!_shapes.Any)
        {
            output.Append(Phones.PhoneNumber());
            return;
        }
        int start = output.Length;
        string shape = _shapes.Draw(ref random);
        PatternModel.Fill(shape, output, ref random);
        if (_profile.Prefix is { } prefix && shape.StartsWith(PatternModel.ShapeOf(prefix), StringComparison.Ordinal))
            for (int i = 0; i < prefix.Length; i++) output[start + i] = prefix[i];
    }

    private void NationalId(StringBuilder output, ref RandomStream random)
    {
        string shape = _shapes.Any ? _shapes.Draw(ref random) : "999-99-9999";
        if (shape == "999-99-9999")
        {
            // A US SSN as the SSA issues them: area 001-899 except 666, group 01-99, serial 0001-9999.
            int area;
            do area = 1 + random.NextInt(899); while (area == 666);
            output.Append(area.ToString("000", CultureInfo.InvariantCulture)).Append('-')
                .Append((1 + random.NextInt(99)).ToString("00", CultureInfo.InvariantCulture)).Append('-')
                .Append((1 + random.NextInt(9999)).ToString("0000", CultureInfo.InvariantCulture));
            return;
        }
        PatternModel.Fill(shape, output, ref random);
    }

    /// <summary>The real length and grouping, a Visa, Mastercard or Amex prefix, and a valid Luhn check digit.</summary>
    private void CreditCard(StringBuilder output, ref RandomStream random)
    {
        string shape = _shapes.Any ? _shapes.Draw(ref random) : "9999999999999999";
        int digits = shape.Count(c => c == '9');
        if (digits is < 12 or > 19) shape = "9999999999999999";
        int start = output.Length;
        PatternModel.Fill(shape, output, ref random);
        int first = FirstDigit(output, start), second = first < 0 ? -1 : FirstDigit(output, first + 1);
        if (second >= 0)
        {
            if (digits == 15) { output[first] = '3'; output[second] = random.NextInt(2) == 0 ? '4' : '7'; }
            else if (random.NextInt(2) == 0) output[first] = '4';
            else { output[first] = '5'; output[second] = (char)('1' + random.NextInt(5)); }
        }
        Luhn.SetCheckDigit(output, start);
    }

    private static int FirstDigit(StringBuilder output, int from)
    {
        for (int i = from; i < output.Length; i++) if (char.IsAsciiDigit(output[i])) return i;
        return -1;
    }

    /// <summary>The real shape and shared country, random account digits, correct mod-97 check digits; Bogus's otherwise.</summary>
    private void IbanNumber(StringBuilder output, ref RandomStream random)
    {
        if (_profile.Prefix is { Length: 2 } country && _shapes.Any)
        {
            string shape = _shapes.Draw(ref random);
            if (shape.StartsWith("AA99", StringComparison.Ordinal))
            {
                int start = output.Length;
                PatternModel.Fill(shape.Replace('a', 'A'), output, ref random);
                output[start] = country[0];
                output[start + 1] = country[1];
                Iban.SetCheckDigits(output, start);
                return;
            }
        }
        output.Append(Finance.Iban(formatted: _shapes.Any && _shapes.Draw(ref random).Contains(' ')));
    }

    /// <summary>
    /// Addresses no real host has: IPv4 in 198.18.0.0/15 (reserved for benchmarking, RFC 2544), IPv6 in
    /// 2001:db8::/32 (documentation, RFC 3849), in the real share of IPv6.
    /// </summary>
    private void IpAddress(StringBuilder output, ref RandomStream random)
    {
        if (_profile.Ipv6Share > 0 && random.NextDouble() < _profile.Ipv6Share)
        {
            output.Append("2001:db8");
            for (int g = 0; g < 6; g++) output.Append(':').Append(random.NextInt(0x10000).ToString("x", CultureInfo.InvariantCulture));
            return;
        }
        output.Append("198.").Append((18 + random.NextInt(2)).ToString(CultureInfo.InvariantCulture)).Append('.')
            .Append(random.NextInt(256).ToString(CultureInfo.InvariantCulture)).Append('.')
            .Append((1 + random.NextInt(254)).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A personal-looking page on a reserved domain: <c>https://www.example.net/jane-doe</c>.</summary>
    private void Url(StringBuilder output, ref RandomStream random)
    {
        var (first, last) = AsciiName();
        output.Append("https://www.").Append(SafeDomains[random.NextInt(SafeDomains.Length)]).Append('/').Append(first).Append('-').Append(last);
    }

    private void PostalCode(StringBuilder output, ref RandomStream random)
    {
        if (_shapes.Any) PatternModel.Fill(_shapes.Draw(ref random), output, ref random);
        else output.Append(Addresses.ZipCode());
    }

    /// <summary>A uniform day in the real range of years, written in the real format.</summary>
    private void BirthDate(StringBuilder output, ref RandomStream random)
    {
        // A profile without a range (edited metadata on an old model) falls back to adults of today.
        bool known = _profile.FirstYear is >= 1 and <= 9999 && _profile.LastYear >= _profile.FirstYear && _profile.LastYear <= 9999;
        var first = new DateTime(known ? _profile.FirstYear : 1940, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        int days = (int)(new DateTime(known ? _profile.LastYear : 2005, 12, 31, 0, 0, 0, DateTimeKind.Utc) - first).TotalDays + 1;
        var day = first.AddDays(random.NextInt(days));
        output.Append(day.ToString(_profile.DateFormat ?? "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Lower-case <c>a-z</c> only, after folding accents and ligatures (ü → ue, ß → ss). Cached: Bogus's
    /// transliteration costs more than drawing the name, and names come from short lists.
    /// </summary>
    private static string Ascii(string text)
    {
        if (AsciiCache.TryGetValue(text, out var cached)) return cached;
        string folded = Bogus.Transliterater.Translate(text);
        var builder = new StringBuilder(folded.Length);
        foreach (char ch in folded)
        {
            char lower = char.ToLowerInvariant(ch);
            if (lower is >= 'a' and <= 'z') builder.Append(lower);
        }
        string result = builder.ToString();
        if (AsciiCache.Count < MaxCachedNames) AsciiCache.TryAdd(text, result);
        return result;
    }

    private static NameRole RoleOf(string columnName)
    {
        string key = columnName.ToLowerInvariant();
        if (key.Contains("first") || key.Contains("given") || key.Contains("forename") || key.Contains("middle")) return NameRole.First;
        if (key.Contains("last") || key.Contains("surname") || key.Contains("family")) return NameRole.Last;
        return NameRole.Full;
    }

    private enum NameRole { Full, First, Last }
}
