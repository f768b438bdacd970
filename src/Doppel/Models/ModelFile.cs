using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Doppel.Constraints;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Provenance;
using Doppel.Rules;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Bayes;
using Doppel.Privacy.Dp;
using Doppel.Synthesizers.Columns;
using Doppel.Synthesizers.Trees;

namespace Doppel.Models;

/// <summary>
/// The <c>.doppel</c> model file: an 8-byte magic, a format version, the length of a UTF-8 JSON payload, the
/// payload (metadata, options, per-column statistics, correlation factor) and its SHA-256. Holds statistics only.
/// A file that is not a model, comes from a newer version, or was truncated or altered is refused with a clear error;
/// so is one whose fields do not make a valid model (<see cref="ModelCheck"/>). A model saved with a
/// <see cref="SigningKey"/> ends with a signature block (8-byte <c>DOPPELSG</c> and the HMAC-SHA256 of every byte
/// before it); loading with the key refuses a model without a valid one.
/// </summary>
public static class ModelFile
{
    /// <summary>The newest format version this build reads and writes.</summary>
    /// <remarks>Version 1: the copula's shape (column models and a correlation factor). Version 2 adds sequential-tree
    /// models; version 3 adds Bayesian-network models; version 4 adds differentially private (MST) models and their privacy budget; version 5 adds the latent factors of wide copula models and learned rules (orders); version 6 adds learned sums and columns determined by others; version 7 adds learned lattices (multiple_of) and sums plus one of a few amounts. Each model is written with the lowest version that holds it (copula
    /// models as version 1, byte for byte as before), so older builds read what they can.</remarks>
    public const int FormatVersion = 7;

    private static ReadOnlySpan<byte> Magic => "DOPPELMD"u8;
    private static ReadOnlySpan<byte> SignatureMagic => "DOPPELSG"u8;
    private const int HeaderLength = 16;
    private const int SignatureLength = 8 + 32;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically, signed when a <paramref name="key"/> is given.</summary>
    public static void Save(SynthesisModel model, string path, bool overwrite = false, SigningKey? key = null) =>
        AtomicFile.Write(path, overwrite, stream => stream.Write(ToBytes(model, key)));

    /// <summary>Reads a model file; with <paramref name="key"/>, only one that carries the key's valid signature.</summary>
    public static SynthesisModel Load(string path, SigningKey? key = null) => FromBytes(ReadAll(path), path, key);

    /// <summary>
    /// Whether the model file at <paramref name="path"/> carries <paramref name="key"/>'s valid signature: true,
    /// false when it is signed otherwise or was edited, null when it is not signed at all.
    /// </summary>
    public static bool? IsSignedBy(string path, SigningKey key)
    {
        var bytes = ReadAll(path);
        int unsigned = UnsignedLength(bytes, path);
        if (unsigned == bytes.Length) return null;
        return CryptographicOperations.FixedTimeEquals(key.Mac(bytes.AsSpan(0, unsigned)), bytes.AsSpan(unsigned + 8));
    }

    private static byte[] ReadAll(string path)
    {
        byte[] bytes;
        try { bytes = SmallFile.ReadAllBytes(path, 1 << 30, ErrorKind.Model, "model file"); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot find the model file {path}.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot read the model file {path}: {e.Message}", e);
        }
        return bytes;
    }

    internal static byte[] ToBytes(SynthesisModel model, SigningKey? key = null)
    {
        var document = new ModelDocument
        {
            Synthesizer = model.Synthesizer,
            Engine = typeof(ModelFile).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            Metadata = MetadataJson.ToNode(DatasetMetadata.Single(model.Metadata)),
            Source = model.Source,
            Options = model.Options,
            Privacy = model.Privacy,
            Constraints = model.ConstraintState,
        };
        int version = 1;
        var generator = model.Generator;
        if (generator is RuleGenerator ruled)
        {
            document.Rules = [.. ruled.Rules];
            generator = ruled.Inner;
        }
        switch (generator)
        {
            case CopulaGenerator copula:
                document.Cholesky = copula.Cholesky;
                document.Columns = copula.Columns;
                document.Factors = copula.Factors;
                if (copula.Factors is not null) version = 5;
                break;
            case TreeGenerator trees:
                document.Trees = trees;
                version = 2;
                break;
            case BayesGenerator network:
                document.Network = network;
                version = model.Privacy is null ? 3 : 4;
                break;
            default:
                throw new InvalidOperationException($"No file format for {generator.GetType().Name}.");
        }
        if (document.Rules is not null) version = document.Rules.All(r => r is OrderRule) ? 5 : document.Rules.Any(r => r is StepRule or SumRule { Amounts: > 1 }) ? 7 : 6;
        byte[] payload = JsonSerializer.SerializeToUtf8Bytes(document, Json);
        var bytes = new byte[HeaderLength + payload.Length + 32];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), version);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), payload.Length);
        payload.CopyTo(bytes.AsSpan(HeaderLength));
        SHA256.HashData(payload, bytes.AsSpan(HeaderLength + payload.Length));
        if (key is null) return bytes;
        var signed = new byte[bytes.Length + SignatureLength];
        bytes.CopyTo(signed, 0);
        SignatureMagic.CopyTo(signed.AsSpan(bytes.Length));
        key.Mac(bytes).CopyTo(signed, bytes.Length + 8);
        return signed;
    }

    /// <summary>The length of the file without its signature block (all of it when unsigned), after checking the header.</summary>
    private static int UnsignedLength(byte[] bytes, string source)
    {
        if (bytes.Length < HeaderLength || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
            throw new DoppelException(ErrorKind.Model, $"{source} is not a Doppel model file. Create one with 'doppel fit DATA -o MODEL.doppel'.");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (version > FormatVersion || version < 1)
            throw new DoppelException(ErrorKind.Model, $"{source} is a model of format version {version}; this Doppel reads versions 1 to {FormatVersion}. Use a newer Doppel or fit the model again.");
        int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        long unsigned = (long)HeaderLength + length + 32;
        bool signed = length >= 0 && unsigned + SignatureLength == bytes.Length && bytes.AsSpan((int)unsigned, 8).SequenceEqual(SignatureMagic);
        if (length < 0 || (unsigned != bytes.Length && !signed))
            throw new DoppelException(ErrorKind.Model, $"{source} is damaged (truncated or extended): its length does not match its header. Fit the model again.");
        return (int)unsigned;
    }

    internal static SynthesisModel FromBytes(byte[] bytes, string source, SigningKey? key = null)
    {
        int unsigned = UnsignedLength(bytes, source);
        if (key is not null)
        {
            if (unsigned == bytes.Length)
                throw new DoppelException(ErrorKind.Model, $"{source} is not signed, but --signing-key asks for a signed model. Fit it again with --signing-key.");
            if (!CryptographicOperations.FixedTimeEquals(key.Mac(bytes.AsSpan(0, unsigned)), bytes.AsSpan(unsigned + 8)))
                throw new DoppelException(ErrorKind.Model, $"{source} does not carry a valid signature for this key: it was changed after signing, or signed with another key.");
        }
        int length = unsigned - HeaderLength - 32;
        var payload = bytes.AsSpan(HeaderLength, length);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(HeaderLength + length, 32)))
            throw new DoppelException(ErrorKind.Model, $"{source} is damaged: its checksum does not match. Fit the model again.");
        try
        {
            var document = JsonSerializer.Deserialize<ModelDocument>(payload, Json)
                ?? throw new JsonException("empty document");
            var metadata = MetadataJson.Parse(document.Metadata.ToJsonString(), source).SingleTable;
            ModelGenerator generator = document switch
            {
                { Trees: { } trees, Columns: null, Network: null } => trees,
                { Network: { } network, Columns: null, Trees: null } => network,
                { Trees: null, Network: null, Columns: { } columns } => new CopulaGenerator(columns, document.Cholesky, document.Factors),
                _ => throw new JsonException("the model holds none or several of column models, trees and a network"),
            };
            if (generator is CopulaGenerator { Columns.Length: var n } && n != metadata.Columns.Count)
                throw new JsonException("column models do not match the metadata");
            // With learned rules the inner generator models the encoded columns (a gap in place of the later column).
            var generated = document.Rules is { } encodedBy ? RuleGenerator.Encoded(metadata, encodedBy) : metadata;
            new ModelCheck(source).Model(document.Synthesizer, generated, generator, document.Source, document.Options, document.Privacy);
            if (document.Rules is { } rules) generator = new RuleGenerator(generator, rules, metadata);
            return new SynthesisModel(document.Synthesizer, metadata, generator, document.Source, document.Options, document.Privacy) { ConstraintState = document.Constraints };
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or NullReferenceException
            or IndexOutOfRangeException or OverflowException or FormatException or KeyNotFoundException)
        {
            throw new DoppelException(ErrorKind.Model, $"{source} has a valid checksum but its contents cannot be read ({e.Message}). Fit the model again.", e);
        }
        catch (DoppelException e) when (e.Kind != ErrorKind.Model)
        {
            // e.g. a PII locale this build's Bogus does not ship: the file, not the command line, is at fault.
            throw new DoppelException(ErrorKind.Model, $"{source} cannot be used by this Doppel: {e.Message}", e);
        }
    }

    private sealed class ModelDocument
    {
        public required string Synthesizer { get; init; }
        public required string Engine { get; init; }
        public required JsonObject Metadata { get; init; }
        public required SourceFingerprint Source { get; init; }
        public required SynthesizerOptions Options { get; init; }
        public double[]? Cholesky { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public PrivacyBudget? Privacy { get; init; }

        // Null members are left out so a copula model's payload is what version 1 wrote.
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public ColumnModel[]? Columns { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public LatentFactors? Factors { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public LearnedRule[]? Rules { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public TreeGenerator? Trees { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public BayesGenerator? Network { get; set; }

        // Only models fitted with constraints have it; their metadata (format version 2) lists the constraints.
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public ConstraintState? Constraints { get; set; }
    }
}
