using System.Text.Json;
using System.Text.Json.Serialization;
using Doppel.IO;
using Doppel.Privacy.Dp;
using Doppel.Provenance;
using Doppel.Synthesizers;

namespace Doppel.Sharding;

/// <summary>
/// The provenance of a partitioned dataset, <c>FOLDER/_manifest.json</c>: what made it (engine, synthesizer, seed,
/// model fingerprint), every part's file, rows and SHA-256 in shard order, and the dataset digest that combines
/// them. Written last, only when every part is complete, so its presence says the dataset is whole.
/// </summary>
public sealed record PartitionedManifest
{
    /// <summary>The manifest's file name inside the output folder.</summary>
    public const string FileName = "_manifest.json";

    /// <summary>Always "doppel-partitioned-manifest".</summary>
    public string Format { get; init; } = "doppel-partitioned-manifest";

    /// <summary>The manifest format version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The Doppel version that wrote the data.</summary>
    public required string Engine { get; init; }

    /// <summary>The synthesizer that fitted the model.</summary>
    public required string Synthesizer { get; init; }

    /// <summary>The synthesizer's options.</summary>
    public required SynthesizerOptions Options { get; init; }

    /// <summary>SHA-256 of the model file every shard sampled.</summary>
    public required string ModelSha256 { get; init; }

    /// <summary>Fingerprints of the training data and metadata.</summary>
    public required SourceFingerprint Source { get; init; }

    /// <summary>Privacy budget spent, or null for models without differential privacy.</summary>
    public PrivacyBudget? Privacy { get; init; }

    /// <summary>The sampling seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Rows in all parts.</summary>
    public required long Rows { get; init; }

    /// <summary>The parts' format: parquet, csv, tsv, csv.gz or tsv.gz.</summary>
    public required string PartFormat { get; init; }

    /// <summary>The parts, in shard order (output order is shard, then row).</summary>
    public required IReadOnlyList<ShardDigest> Parts { get; init; }

    /// <summary>The dataset digest (<see cref="Sharding.DatasetDigest"/>) of the parts.</summary>
    public required string DatasetDigest { get; init; }

    /// <summary>When the last part was written.</summary>
    public DateTime? CreatedUtc { get; init; }

    /// <summary>
    /// HMAC-SHA256 of the manifest's JSON without this field, with the key given to <c>--signing-key</c>, or null when
    /// unsigned. As the manifest holds every part's SHA-256 and the dataset digest, the signature covers the data.
    /// </summary>
    public string? Signature { get; init; }

    /// <summary>This manifest signed with <paramref name="key"/>.</summary>
    public PartitionedManifest SignedWith(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return this with { Signature = key.Sign(SignedBytes()) };
    }

    /// <summary>Whether the manifest carries <paramref name="key"/>'s signature of its content as it is now.</summary>
    public bool IsSignedBy(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Verifies(SignedBytes(), Signature);
    }

    private byte[] SignedBytes() => System.Text.Encoding.UTF8.GetBytes((this with { Signature = null }).ToJson());

    /// <summary>The manifest of <paramref name="parts"/> sampled from <paramref name="model"/>.</summary>
    public static PartitionedManifest For(SynthesisModel model, string modelSha256, ulong seed, string partFormat, IReadOnlyList<ShardDigest> parts)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(parts);
        return new PartitionedManifest
        {
            Engine = Manifest.EngineVersion,
            Synthesizer = model.Synthesizer,
            Options = model.Options,
            ModelSha256 = modelSha256,
            Source = model.Source,
            Privacy = model.Privacy,
            Seed = seed,
            Rows = parts.Sum(p => p.Rows),
            PartFormat = partFormat,
            Parts = parts,
            DatasetDigest = Sharding.DatasetDigest.Of(parts),
            CreatedUtc = DateTime.UtcNow,
        };
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The manifest as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Writes <c>FOLDER/_manifest.json</c> atomically.</summary>
    public void Save(string folder) =>
        AtomicFile.Write(Path.Combine(folder, FileName), overwrite: true, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(ToJson() + "\n")));

    /// <summary>Reads <c>FOLDER/_manifest.json</c>; a missing or malformed file is a clear error.</summary>
    public static PartitionedManifest Load(string folder)
    {
        string path = Path.Combine(folder, FileName);
        string text;
        try { text = SmallFile.ReadAllText(path, 64 << 20, ErrorKind.Data, "manifest"); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DoppelException(ErrorKind.IO, $"{folder} has no {FileName}: it is not a complete partitioned output (a run that stopped early writes none).", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot read {path}: {e.Message}", e);
        }
        try
        {
            var manifest = JsonSerializer.Deserialize<PartitionedManifest>(text, Json) ?? throw new JsonException("empty");
            if (manifest.Format != "doppel-partitioned-manifest") throw new JsonException($"format is '{manifest.Format}'");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new DoppelException(ErrorKind.Data, $"{path} is not a valid Doppel partitioned manifest: {e.Message}", e);
        }
    }
}
