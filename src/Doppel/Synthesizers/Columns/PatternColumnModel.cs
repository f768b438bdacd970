using System.Text;
using System.Text.Json.Serialization;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Transforms;

namespace Doppel.Synthesizers.Columns;

/// <summary>
/// Free text and personal data: generated fresh from character-class shapes (formats seen at least k times) or,
/// for text, from word-count and word-length distributions. No real value is stored or written.
/// </summary>
/// <remarks>A simple pattern model: the privacy work replaces PII generation with locale-aware fake values.</remarks>
internal sealed class PatternColumnModel : ColumnModel
{
    private const int MaxShapes = 1000;
    private const int MaxLength = 64;
    private const int MaxWords = 64;
    private const int MaxWordLength = 24;
    private static readonly string[] SafeDomains = ["example.com", "example.org", "example.net"];

    private CategoricalMarginal? _nulls;
    private CategoricalMarginal? _shapes, _lengths, _words, _wordLengths;

    /// <summary>The semantic type: text, or the PII kind.</summary>
    public required string Kind { get; init; }

    /// <summary>Frequent shapes (seen at least k times).</summary>
    public required string[] Shapes { get; init; }

    /// <summary>Share of each frequent shape.</summary>
    public required double[] ShapeShares { get; init; }

    /// <summary>Distribution of value lengths (index = length), used when no shape is frequent.</summary>
    public required double[] LengthShares { get; init; }

    /// <summary>For text: distribution of word counts (index = count).</summary>
    public required double[] WordCountShares { get; init; }

    /// <summary>For text: distribution of word lengths (index = length).</summary>
    public required double[] WordLengthShares { get; init; }

    [JsonIgnore]
    public override int Dimensions => NullMarginal(NullShare) is null ? 0 : 1;

    private CategoricalMarginal? Nulls => _nulls ??= NullMarginal(NullShare);

    public static EncodedColumn Fit(Column column, ColumnMetadata meta, SynthesizerOptions options, ref RandomStream random)
    {
        var values = ((StringColumn)column).Values;
        var shapeCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var lengths = new double[MaxLength + 1];
        var wordCounts = new double[MaxWords + 1];
        var wordLengths = new double[MaxWordLength + 1];
        int valid = 0;
        foreach (var value in values)
        {
            if (value is null) continue;
            valid++;
            string shape = PatternModel.ShapeOf(value);
            if (shapeCounts.Count < 100_000 || shapeCounts.ContainsKey(shape))
                shapeCounts[shape] = shapeCounts.GetValueOrDefault(shape) + 1;
            lengths[Math.Min(value.Length, MaxLength)]++;
            var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            wordCounts[Math.Min(words.Length, MaxWords)]++;
            foreach (var word in words) wordLengths[Math.Min(word.Length, MaxWordLength)]++;
        }
        int k = Math.Max(options.RareThreshold, 1);
        var frequent = shapeCounts.Where(p => p.Value >= k).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(MaxShapes).ToArray();
        var model = new PatternColumnModel
        {
            Name = column.Name,
            NullShare = column.Length == 0 ? 0 : (double)(column.Length - valid) / column.Length,
            Kind = meta.TypeName,
            Shapes = [.. frequent.Select(p => p.Key)],
            ShapeShares = [.. frequent.Select(p => (double)p.Value / valid)],
            LengthShares = lengths,
            WordCountShares = wordCounts,
            WordLengthShares = wordLengths,
        };
        if (model.Nulls is not { } nulls) return new EncodedColumn(model, [], [], []);
        return new EncodedColumn(model, [EncodeNulls(column, nulls, ref random)], [null], [Attenuation.Of(nulls.Probabilities)]);
    }

    public override Column Decode(ReadOnlySpan<double> z, int count, long firstRow, ref RandomStream random)
    {
        var validity = DecodeNulls(Nulls, z, count, allNull: NullShare >= 1);
        var values = new string?[count];
        var builder = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            if (!validity.IsValid(i)) continue;
            builder.Clear();
            Generate(builder, ref random);
            values[i] = builder.ToString();
        }
        return new StringColumn(Name, values, validity);
    }

    private void Generate(StringBuilder output, ref RandomStream random)
    {
        switch (Kind)
        {
            case "text":
                GenerateText(output, ref random);
                return;
            case "pii:email":
                RandomWord(output, 4 + random.NextInt(7), ref random);
                output.Append('.');
                RandomWord(output, 3 + random.NextInt(8), ref random);
                output.Append('@').Append(SafeDomains[random.NextInt(SafeDomains.Length)]);
                return;
            case "pii:ip_address":
                output.Append(10).Append('.').Append(random.NextInt(256)).Append('.').Append(random.NextInt(256)).Append('.').Append(1 + random.NextInt(254));
                return;
            case "pii:url":
                output.Append("https://www.example.com/");
                RandomWord(output, 4 + random.NextInt(8), ref random);
                return;
        }
        if (Shapes.Length > 0)
        {
            _shapes ??= new CategoricalMarginal(ShapeShares);
            PatternModel.Fill(Shapes[_shapes.Draw(ref random)], output, ref random);
        }
        else
        {
            _lengths ??= new CategoricalMarginal(LengthShares);
            RandomWord(output, Math.Max(1, _lengths.Draw(ref random)), ref random);
        }
        if (Kind == "pii:credit_card") MakeLuhnValid(output);
    }

    private void GenerateText(StringBuilder output, ref RandomStream random)
    {
        _words ??= new CategoricalMarginal(WordCountShares);
        _wordLengths ??= new CategoricalMarginal(WordLengthShares);
        int words = Math.Max(1, _words.Draw(ref random));
        for (int w = 0; w < words; w++)
        {
            if (w > 0) output.Append(' ');
            int start = output.Length;
            RandomWord(output, Math.Max(1, _wordLengths.Draw(ref random)), ref random);
            if (w == 0) output[start] = char.ToUpperInvariant(output[start]);
        }
    }

    private static void RandomWord(StringBuilder output, int length, ref RandomStream random)
    {
        // Alternate consonants and vowels so generated words are pronounceable.
        const string consonants = "bcdfghjklmnprstvwz", vowels = "aeiou";
        bool vowel = random.NextInt(2) == 0;
        for (int i = 0; i < length; i++, vowel = !vowel)
            output.Append(vowel ? vowels[random.NextInt(vowels.Length)] : consonants[random.NextInt(consonants.Length)]);
    }

    /// <summary>Sets the last digit so the number passes the Luhn check.</summary>
    private static void MakeLuhnValid(StringBuilder output)
    {
        int last = -1;
        for (int i = output.Length - 1; i >= 0; i--) if (char.IsAsciiDigit(output[i])) { last = i; break; }
        if (last < 0) return;
        int sum = 0;
        bool dbl = true;
        for (int i = last - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(output[i])) continue;
            int d = output[i] - '0';
            if (dbl) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            dbl = !dbl;
        }
        output[last] = (char)('0' + (10 - sum % 10) % 10);
    }
}
