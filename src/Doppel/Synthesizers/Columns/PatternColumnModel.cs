using System.Text;
using System.Text.Json.Serialization;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Privacy.Pii;
using Doppel.Sampling;
using Doppel.Transforms;

namespace Doppel.Synthesizers.Columns;

/// <summary>
/// Free text and personal data, generated fresh: PII by <see cref="PiiGenerator"/> (locale-aware fake values in the
/// real shapes), other strings from character-class shapes (formats seen at least k times) or, for text, from
/// word-count and word-length distributions. No real value is stored or written.
/// </summary>
internal sealed class PatternColumnModel : ColumnModel
{
    private const int MaxShapes = 1000;
    private const int MaxLength = 64;
    private const int MaxWords = 64;
    private const int MaxWordLength = 24;

    private CategoricalMarginal? _nulls;
    private CategoricalMarginal? _lengths, _words, _wordLengths;
    private ShapeSampler? _shapes;

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

    /// <summary>For PII: the locale and aggregates the generator uses (null in older model files: English, no aggregates).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PiiProfile? Pii { get; init; }

    [JsonIgnore]
    public override int Dimensions => NullMarginal(NullShare) is null ? 0 : 1;

    private CategoricalMarginal? Nulls => _nulls ??= NullMarginal(NullShare);

    private ShapeSampler ShapeSampler => _shapes ??= new ShapeSampler(Shapes, ShapeShares);

    private CategoricalMarginal? WordCounts => WordCountShares.Sum() > 0 ? _words ??= new CategoricalMarginal(WordCountShares) : null;

    /// <summary>The PII kind of <see cref="Kind"/> (<c>pii:email</c>), or null for text.</summary>
    private PiiKind? PiiKindOf => Kind.StartsWith("pii:", StringComparison.Ordinal) ? PiiNames.Parse(Kind[4..]) ?? PiiKind.Other : null;

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
        var pii = meta.Type == SemanticType.Pii
            ? PiiProfile.Fit(meta.Pii ?? PiiKind.Other, values.OfType<string>(), meta, options.PiiLocale, k)
            : null;
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
            Pii = pii,
        };
        if (model.Nulls is not { } nulls) return new EncodedColumn(model, [], [], []);
        return new EncodedColumn(model, [EncodeNulls(column, nulls, ref random)], [null], [Attenuation.Of(nulls.Probabilities)]);
    }

    public override Column Decode(ReadOnlySpan<double> z, int count, long firstRow, ref RandomStream random)
    {
        var validity = DecodeNulls(Nulls, z, count, allNull: NullShare >= 1);
        var values = new string?[count];
        var builder = new StringBuilder();
        var pii = PiiKindOf is { } kind
            ? PiiGenerator.ForBatch(kind, Pii ?? new PiiProfile(), ShapeSampler, WordCounts, Name, ref random)
            : null;
        for (int i = 0; i < count; i++)
        {
            if (!validity.IsValid(i)) continue;
            builder.Clear();
            if (pii is not null) pii.Append(builder, ref random);
            else Generate(builder, ref random);
            values[i] = builder.ToString();
        }
        return new StringColumn(Name, values, validity);
    }

    /// <summary>
    /// Text of one-word values mostly in frequent shapes (codes such as <c>K-07</c>, or a categorical column none of
    /// whose categories is frequent) is generated in those shapes, not as words.
    /// </summary>
    private bool ShortCodes => ShapeShares.Sum() >= 0.5 && WordCountShares.Length > 1 && WordCountShares[1] >= 0.5 * WordCountShares.Sum();

    /// <summary>Text, and PII of kind other: random characters in a real shape or a random word.</summary>
    private void Generate(StringBuilder output, ref RandomStream random)
    {
        if (Kind == "text" && !ShortCodes)
        {
            GenerateText(output, ref random);
            return;
        }
        if (ShapeSampler.Any)
        {
            PatternModel.Fill(ShapeSampler.Draw(ref random), output, ref random);
        }
        else
        {
            _lengths ??= new CategoricalMarginal(LengthShares);
            RandomWord(output, Math.Max(1, _lengths.Draw(ref random)), ref random);
        }
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
}
