using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Doppel.IO;
using Doppel.Provenance;

namespace Doppel.Schema.Generation;

/// <summary>One table of a schema run's manifest.</summary>
/// <param name="Table">The table.</param>
/// <param name="Target">The file (or database object) written.</param>
/// <param name="Rows">Rows written.</param>
/// <param name="Sha256">SHA-256 of the file, or for a database target of the table's data as CSV.</param>
public sealed record SchemaManifestTable(string Table, string Target, long Rows, string? Sha256);

/// <summary>
/// Provenance of a database generated from a spec (<c>OUT.manifest.json</c> beside the output): engine, the spec's
/// SHA-256, the seed, and per table the rows and the file's SHA-256. No real data was read, so there is no source
/// fingerprint and no privacy budget.
/// </summary>
public sealed record SchemaManifest
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Always <c>schema</c>: generated from a declared spec, with no real data.</summary>
    public string Mode { get; init; } = "schema";

    /// <summary>Doppel's version.</summary>
    public string Engine { get; init; } = Manifest.EngineVersion;

    /// <summary>The spec's file name.</summary>
    public required string Spec { get; init; }

    /// <summary>SHA-256 of the spec's bytes.</summary>
    public required string SpecSha256 { get; init; }

    /// <summary>The seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>When the run finished (UTC).</summary>
    public DateTime CreatedUtc { get; init; } = DateTime.UtcNow;

    /// <summary>Where the database was written (a folder, a SQLite file, or a PostgreSQL location without its password).</summary>
    public string? Output { get; init; }

    /// <summary>What each table's hash covers: null for files (the file's bytes), else the data as CSV (<see cref="Doppel.Relational.DigestingSink.HashDefinition"/>).</summary>
    public string? Hashes { get; init; }

    /// <summary>The tables in load order.</summary>
    public required IReadOnlyList<SchemaManifestTable> Tables { get; init; }

    /// <summary>SHA-256 of a spec text, lower-case hex.</summary>
    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The manifest as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Writes the manifest atomically to <paramref name="path"/>.</summary>
    public void Save(string path) => AtomicFile.Write(path, overwrite: true, stream => stream.Write(Encoding.UTF8.GetBytes(ToJson())));
}
