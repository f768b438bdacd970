using System.Text.Json;
using System.Text.Json.Serialization;
using Doppel.IO;
using Doppel.Privacy.Dp;
using Doppel.Synthesizers;

namespace Doppel.Provenance;

/// <summary>
/// The provenance of a synthetic dataset: what made it (engine, synthesizer and options, seed), from what (source
/// fingerprints), when, and the SHA-256 of the output, so anyone can later tell that a file is synthetic and
/// whether it was altered. Written as <c>OUTPUT.manifest.json</c> beside the output and, for Parquet, into the
/// file's key-value metadata (there without creation time and output hash, so the file stays deterministic).
/// </summary>
public sealed record Manifest
{
    /// <summary>The manifest format version this build writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Always "doppel-manifest".</summary>
    public string Format { get; init; } = "doppel-manifest";

    /// <summary>The manifest format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The Doppel version that wrote the data.</summary>
    public required string Engine { get; init; }

    /// <summary>The synthesizer that fitted the model.</summary>
    public required string Synthesizer { get; init; }

    /// <summary>The synthesizer's options.</summary>
    public required SynthesizerOptions Options { get; init; }

    /// <summary>The sampling seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Rows written.</summary>
    public required long Rows { get; init; }

    /// <summary>Fingerprints of the training data and metadata.</summary>
    public required SourceFingerprint Source { get; init; }

    /// <summary>Privacy budget spent (ε, δ), or null for models without differential privacy.</summary>
    public PrivacyBudget? Privacy { get; init; }

    /// <summary>Evaluation scores, when the data was evaluated.</summary>
    public IReadOnlyDictionary<string, double>? Scores { get; init; }

    /// <summary>The condition every row satisfies (<c>--where</c>), or null.</summary>
    public string? Condition { get; init; }

    /// <summary>The constraints every row obeys (the model's and the run's), or null when there are none.</summary>
    public IReadOnlyList<ManifestConstraint>? Constraints { get; init; }

    /// <summary>The column that marks rows as synthetic (<c>--mark-synthetic</c>), or null.</summary>
    public string? SyntheticMarkerColumn { get; init; }

    /// <summary>
    /// What the data is: null for synthetic data; <c>pseudonymized</c> for real rows whose PII columns were replaced by
    /// <c>doppel pseudonymize</c> (the key is never recorded, nor any hash of it).
    /// </summary>
    public string? Mode { get; init; }

    /// <summary>For pseudonymized data: the columns whose values were replaced.</summary>
    public IReadOnlyList<string>? PseudonymizedColumns { get; init; }

    /// <summary>When the output was written (sidecar only).</summary>
    public DateTime? CreatedUtc { get; init; }

    /// <summary>The output file and its hash (sidecar only).</summary>
    public ManifestOutput? Output { get; init; }

    /// <summary>
    /// HMAC-SHA256 of the rest of the manifest (its JSON without this field) with the key given to
    /// <c>--signing-key</c>, or null when unsigned. As the manifest holds the output's SHA-256, the signature covers
    /// the data too: recomputing the hash after an edit breaks it.
    /// </summary>
    public string? Signature { get; init; }

    /// <summary>This manifest signed with <paramref name="key"/>.</summary>
    public Manifest SignedWith(SigningKey key) => this with { Signature = key.Sign(SignedBytes()) };

    /// <summary>Whether the manifest carries <paramref name="key"/>'s signature of its content as it is now.</summary>
    public bool IsSignedBy(SigningKey key) => key.Verifies(SignedBytes(), Signature);

    private byte[] SignedBytes() => System.Text.Encoding.UTF8.GetBytes((this with { Signature = null }).ToJson());

    /// <summary>The manifest of a model's output, before the output exists.</summary>
    public static Manifest For(SynthesisModel model, ulong seed, long rows, string? markerColumn) => new()
    {
        Engine = EngineVersion,
        Synthesizer = model.Synthesizer,
        Options = model.Options,
        Seed = seed,
        Rows = rows,
        Source = model.Source,
        Privacy = model.Privacy,
        SyntheticMarkerColumn = markerColumn,
    };

    /// <summary>The manifest entries for the constraints a run of <paramref name="model"/> with <paramref name="added"/> ones enforces; null when none.</summary>
    public static IReadOnlyList<ManifestConstraint>? ConstraintsOf(SynthesisModel model, IEnumerable<string> added)
    {
        var texts = model.CheckConstraints(added);
        if (texts.Count == 0) return null;
        var violations = model.TrainingViolations.ToDictionary(v => v.Constraint, v => v.Rows);
        return [.. texts.Select(t => new ManifestConstraint(t, violations.TryGetValue(t, out long n) ? n : null))];
    }

    /// <summary>This build's version string.</summary>
    public static string EngineVersion => "doppel " + (typeof(Manifest).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    /// <summary>The sidecar path for an output file: <c>OUTPUT.manifest.json</c>.</summary>
    public static string SidecarPath(string output) => output + ".manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // A file for people to read: keep quotes and < > as they are (the HTML report escapes on its own).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The manifest as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Writes the sidecar atomically.</summary>
    public void Save(string path, bool overwrite) => AtomicFile.Write(path, overwrite, WriteTo);

    /// <summary>Writes the sidecar's bytes (indented JSON and a newline) to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream) => stream.Write(System.Text.Encoding.UTF8.GetBytes(ToJson() + "\n"));

    /// <summary>Reads a manifest; a file that is not one is a clear error.</summary>
    public static Manifest Load(string path)
    {
        string text;
        try { text = SmallFile.ReadAllText(path, 64 << 20, ErrorKind.Data, "manifest"); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot find the manifest {path}. Doppel writes it beside every output it samples.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot read the manifest {path}: {e.Message}", e);
        }
        try
        {
            var manifest = JsonSerializer.Deserialize<Manifest>(text, Json) ?? throw new JsonException("empty");
            if (manifest.Format != "doppel-manifest") throw new JsonException($"format is '{manifest.Format}'");
            if (manifest.Version > CurrentVersion) throw new JsonException($"version {manifest.Version} is newer than this Doppel reads ({CurrentVersion})");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new DoppelException(ErrorKind.Data, $"{path} is not a valid Doppel manifest: {e.Message}", e);
        }
    }
}

/// <summary>The output a manifest describes.</summary>
/// <param name="File">The file name (without folder).</param>
/// <param name="Format">csv or parquet.</param>
/// <param name="Bytes">Its length.</param>
/// <param name="Sha256">SHA-256 of its bytes.</param>
public sealed record ManifestOutput(string File, string Format, long Bytes, string Sha256);

/// <summary>A constraint the output obeys.</summary>
/// <param name="Expression">The constraint as declared (docs/constraints.md).</param>
/// <param name="TrainingViolations">Training rows that broke it when the model was fitted; null for a constraint added when sampling (or a differentially private model).</param>
public sealed record ManifestConstraint(string Expression, long? TrainingViolations);
