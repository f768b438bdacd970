using System.Text.Json;
using System.Text.Json.Serialization;
using Doppel.IO;

namespace Doppel.Relational;

/// <summary>
/// Provenance of a synthetic database: engine, seed, sizing, and every table written with its row count and the
/// SHA-256 of its file. Written beside the output as <c>OUTPUT.manifest.json</c>; never holds a password.
/// </summary>
public sealed record DatabaseManifest
{
    /// <summary>Always <c>doppel-database-manifest</c>.</summary>
    public string Format { get; init; } = "doppel-database-manifest";

    /// <summary>The manifest format version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The Doppel version that wrote it.</summary>
    public required string Engine { get; init; }

    /// <summary>The seed of the run.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The root-table scale of a synthetic database; null for a subset of a real one.</summary>
    public double? Scale { get; init; }

    /// <summary>Root tables given an exact row count.</summary>
    public IReadOnlyDictionary<string, long>? Rows { get; init; }

    /// <summary>Reference tables, reproduced as they are and never scaled; null when there are none.</summary>
    public IReadOnlyList<string>? ReferenceTables { get; init; }

    /// <summary>For a subset of a real database, how its root rows were chosen (e.g. <c>Customer --rows 5</c>); null for synthetic output.</summary>
    public string? Subset { get; init; }

    /// <summary>The columns pseudonymized with a key, as <c>table.column</c>; null when none was.</summary>
    public IReadOnlyList<string>? PseudonymizedColumns { get; init; }

    /// <summary>Where the database was written (a folder path, or a location without its password).</summary>
    public required string Output { get; init; }

    /// <summary>What each table's hash covers: null for files (the file's bytes), else <see cref="DigestingSink.HashDefinition"/>.</summary>
    public string? Hashes { get; init; }

    /// <summary>Every table, in the order written.</summary>
    public required IReadOnlyList<WrittenTable> Tables { get; init; }

    /// <summary>When the run finished (UTC).</summary>
    public DateTime CreatedUtc { get; init; } = DateTime.UtcNow;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Writes the manifest to <paramref name="path"/> atomically.</summary>
    public void Save(string path, bool overwrite) => AtomicFile.Write(path, overwrite, s => JsonSerializer.Serialize(s, this, Json));

    /// <summary>The manifest's path for an output folder or file: <c>OUTPUT.manifest.json</c> beside it.</summary>
    public static string PathFor(string output) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(output)) + ".manifest.json";

    /// <summary>
    /// The default manifest of a database output: <c>OUTPUT.manifest.json</c> beside a folder or a SQLite file; for
    /// PostgreSQL, which has no file to sit beside, <c>DBNAME.SCHEMA.manifest.json</c> in the current folder.
    /// </summary>
    public static string PathFor(DatabaseLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Kind != DatabaseKind.Postgres) return PathFor(location.Path);
        string Part(string key, string fallback) => location.Parameters.TryGetValue(key, out var v) && v.Length > 0 ? v : fallback;
        string name = $"{Part("dbname", Part("user", "postgres"))}.{Part("schema", "public")}";
        foreach (char c in Path.GetInvalidFileNameChars()) name = name.Replace(c, '_');
        return Path.GetFullPath(name + ".manifest.json");
    }
}
