using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Transforms;

namespace Doppel.Privacy.Pii;

/// <summary>
/// Keyed pseudonymization (GUIDE section 7): keeps the real rows but replaces each PII value with a fake one of the
/// same kind and format, derived from HMAC-SHA256(key, column name, value). The same value in a column of the same
/// name gets the same fake in every table and run with the same key and locale, so joins survive; without the key
/// the mapping cannot be recomputed. The key is never stored. See docs/pii.md.
/// </summary>
public static class Pseudonymizer
{
    /// <summary>The shortest key accepted: 128 bits.</summary>
    public const int MinKeyBytes = 16;

    /// <summary>Derivations tried per value before it shares a fake with another value.</summary>
    private const int MaxAttempts = 32;

    /// <summary>
    /// Replaces the PII columns of <paramref name="input"/> (those <paramref name="metadata"/> marks, or
    /// <see cref="PseudonymizeOptions.Columns"/>). Nulls and empty values stay as they are; every other column is
    /// passed through untouched (the same value arrays).
    /// </summary>
    /// <exception cref="DoppelException">
    /// <see cref="ErrorKind.Usage"/> for a key shorter than <see cref="MinKeyBytes"/>, an unknown column or locale;
    /// <see cref="ErrorKind.Data"/> when there is no PII column to replace, or no fake differs from every real value.
    /// </exception>
    public static PseudonymizeResult Run(RawTable input, TableMetadata metadata, ReadOnlySpan<byte> key, PseudonymizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(metadata);
        options ??= new PseudonymizeOptions();
        CheckKey(key);
        string locale = PiiLocales.Validate(options.Locale);
        if (options.MaxDegreeOfParallelism is < 1)
            throw new DoppelException(ErrorKind.Usage, $"The degree of parallelism must be at least 1, not {options.MaxDegreeOfParallelism}.");
        var targets = Targets(input, metadata, options);
        byte[] keyCopy = key.ToArray();
        try
        {
            var columns = (string?[][])input.Columns.Clone();
            var report = new List<PseudonymizedColumn>();
            foreach (var (index, meta) in targets)
            {
                var (values, column) = Replace(input.Columns[index], meta, keyCopy, locale, options.MaxDegreeOfParallelism);
                columns[index] = values;
                report.Add(column);
            }
            return new PseudonymizeResult(new RawTable(input.Names, columns, input.Source), report);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyCopy);
        }
    }

    /// <summary>Refuses an empty or short key.</summary>
    public static void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty) throw new DoppelException(ErrorKind.Usage, "The pseudonymization key is empty. Use a random secret of at least 16 bytes, e.g. 'openssl rand -hex 32 > key'.");
        if (key.Length < MinKeyBytes)
            throw new DoppelException(ErrorKind.Usage,
                $"The pseudonymization key has {key.Length} bytes; at least {MinKeyBytes} are needed, or the mapping can be guessed. Use e.g. 'openssl rand -hex 32 > key'.");
    }

    /// <summary>The columns to replace, each with the metadata its fakes follow.</summary>
    private static List<(int Index, ColumnMetadata Meta)> Targets(RawTable input, TableMetadata metadata, PseudonymizeOptions options)
    {
        var result = new List<(int, ColumnMetadata)>();
        if (options.Columns is { } named)
        {
            var unknown = named.Where(n => Array.IndexOf(input.Names, n) < 0).ToArray();
            if (unknown.Length > 0)
                throw new DoppelException(ErrorKind.Usage,
                    $"Column(s) {Quote(unknown)} are not in {input.Source}. Its columns are {Quote(input.Names)}.");
            if (named.Count == 0) throw new DoppelException(ErrorKind.Usage, "The list of columns to pseudonymize is empty.");
            foreach (int index in named.Select(n => Array.IndexOf(input.Names, n)).Distinct().Order())
            {
                string name = input.Names[index];
                var meta = metadata.Find(name);
                if (meta is not { Type: SemanticType.Pii })
                {
                    var sample = input.Columns[index].OfType<string>().Where(v => v.Length > 0).Take(2_000).ToArray();
                    var kind = PiiDetector.Detect(name, sample) ?? PiiKind.Other;
                    meta = new ColumnMetadata(name, SemanticType.Pii) { Pii = kind, Format = meta?.Format };
                }
                result.Add((index, meta));
            }
            return result;
        }
        for (int i = 0; i < input.Names.Length; i++)
            if (metadata.Find(input.Names[i]) is { Type: SemanticType.Pii } meta) result.Add((i, meta));
        if (result.Count == 0)
            throw new DoppelException(ErrorKind.Data,
                $"No column of {input.Source} is detected as PII, so there is nothing to pseudonymize. Name the columns to replace with --columns, or mark them pii:KIND in the metadata.");
        return result;
    }

    /// <summary>Derives every distinct value's fake (in parallel), then settles collisions in a fixed order.</summary>
    private static (string?[] Values, PseudonymizedColumn Report) Replace(string?[] values, ColumnMetadata meta, byte[] key, string locale, int? threads)
    {
        var kind = meta.Pii ?? PiiKind.Other;
        var originals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in values) if (!string.IsNullOrEmpty(v)) originals.Add(v);
        // Ordinal order: the outcome depends only on the set of values, not on row order or threads.
        var distinct = originals.Order(StringComparer.Ordinal).ToArray();
        var first = new string[distinct.Length];
        Parallelism.For(0, distinct.Length, i => first[i] = Fake(kind, meta, distinct[i], 0, key, locale), threads);

        var mapping = new Dictionary<string, string>(distinct.Length, StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        int rederived = 0, shared = 0;
        for (int i = 0; i < distinct.Length; i++)
        {
            string value = distinct[i];
            string? chosen = null, fallback = null;
            for (int attempt = 0; attempt < MaxAttempts && chosen is null; attempt++)
            {
                string fake = attempt == 0 ? first[i] : Fake(kind, meta, value, attempt, key, locale);
                if (originals.Contains(fake)) continue; // never write a real value of the column, not even as another's fake
                fallback ??= fake;
                if (used.Add(fake)) chosen = fake;
            }
            if (chosen is null)
            {
                chosen = fallback ?? throw new DoppelException(ErrorKind.Data,
                    $"Column '{meta.Name}' ({meta.TypeName}): {MaxAttempts} fakes for one of its values all equal real values of the column; its format has too few possible values to pseudonymize. Leave the column out of --columns or generalize it first.");
                shared++;
            }
            if (!ReferenceEquals(chosen, first[i])) rederived++;
            mapping[value] = chosen;
        }

        var output = new string?[values.Length];
        for (int r = 0; r < values.Length; r++)
            output[r] = string.IsNullOrEmpty(values[r]) ? values[r] : mapping[values[r]!];
        return (output, new PseudonymizedColumn(meta.Name, kind, distinct.Length, rederived, shared));
    }

    /// <summary>
    /// The fake for one value: HMAC-SHA256(key, column name, value, attempt) seeds a <see cref="RandomStream"/> that drives
    /// <see cref="PiiGenerator"/>, with the value's own shape, word count, country code, IP version or birth year, so the
    /// format is preserved.
    /// </summary>
    internal static string Fake(PiiKind kind, ColumnMetadata meta, string value, int attempt, ReadOnlySpan<byte> key, string locale)
    {
        var random = new RandomStream(Seed(key, meta.Name, value, attempt), 0);
        string shape = PatternModel.ShapeOf(value);
        var shapes = new ShapeSampler([shape], [1.0]);
        // The value alone is the profile: its country code (phone, IBAN), IP version, or birth year and date format.
        var profile = PiiProfile.Fit(kind, [value], meta, locale, rareThreshold: 1);
        var output = new StringBuilder(value.Length + 8);
        var generator = PiiGenerator.ForBatch(kind, profile, shapes, WordCount(value), meta.Name, ref random);
        if (generator is not null) generator.Append(output, ref random);
        else PatternModel.Fill(shape, output, ref random);
        if (kind == PiiKind.Email) WidenEmail(output, ref random);
        return output.ToString();
    }

    /// <summary>
    /// Replaces the optional number before the <c>@</c> with one of 0-9999: first.last pairs from Bogus's English lists
    /// number about 1.4·10⁶ (× 3 domains), so e-mail fakes would collide (and be re-derived, losing cross-table
    /// consistency) for about one pair of values in 10⁷ — 125 of 43,000 values measured; with the number about one
    /// in 4·10¹⁰. E-mail is the usual join key.
    /// </summary>
    private static void WidenEmail(StringBuilder output, ref RandomStream random)
    {
        int at = output.ToString().IndexOf('@', StringComparison.Ordinal);
        if (at < 0) return;
        int start = at;
        while (start > 0 && char.IsAsciiDigit(output[start - 1])) start--;
        output.Remove(start, at - start);
        output.Insert(start, random.NextInt(10_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The first 8 bytes of HMAC-SHA256(key, len(name) ‖ name ‖ len(value) ‖ value ‖ attempt), UTF-8, lengths as 4-byte little-endian.</summary>
    internal static ulong Seed(ReadOnlySpan<byte> key, string column, string value, int attempt)
    {
        int nameBytes = Encoding.UTF8.GetByteCount(column), valueBytes = Encoding.UTF8.GetByteCount(value);
        var message = new byte[12 + nameBytes + valueBytes];
        BinaryPrimitives.WriteInt32LittleEndian(message, nameBytes);
        Encoding.UTF8.GetBytes(column, message.AsSpan(4));
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(4 + nameBytes), valueBytes);
        Encoding.UTF8.GetBytes(value, message.AsSpan(8 + nameBytes));
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(8 + nameBytes + valueBytes), attempt);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, message, hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }

    /// <summary>The value's word count as a one-level distribution (names and addresses keep their number of words).</summary>
    private static CategoricalMarginal WordCount(string value)
    {
        int words = Math.Clamp(value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, 1, 64);
        var shares = new double[words + 1];
        shares[words] = 1;
        return new CategoricalMarginal(shares);
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
