using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doppel.IO;
using Doppel.Metadata;

namespace Doppel.Relational;

/// <summary>
/// The <c>.doppel</c> file of a <see cref="DatabaseModel"/>: an 8-byte magic (<c>DOPPELDB</c>), a format version, the
/// length of a UTF-8 JSON payload (metadata, order, link roles, per table its plan with the row model's own model
/// file embedded), the payload and its SHA-256. Statistics only.
/// </summary>
public static class DatabaseModelFile
{
    /// <summary>The newest format version this build reads and writes.</summary>
    public const int FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "DOPPELDB"u8;
    private const int HeaderLength = 16;

    /// <summary>True when <paramref name="path"/> starts like a database model (so commands can tell it from a table model).</summary>
    public static bool IsDatabaseModel(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[8];
            return stream.ReadAtLeast(head, 8, throwOnEndOfStream: false) == 8 && head.SequenceEqual(Magic);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(DatabaseModel model, string path, bool overwrite = false) => AtomicFile.Write(path, overwrite, s => s.Write(ToBytes(model)));

    /// <summary>Reads a database model file.</summary>
    public static DatabaseModel Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { throw new DoppelException(ErrorKind.IO, $"Cannot find the model file {path}.", e); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new DoppelException(ErrorKind.IO, $"Cannot read the model file {path}: {e.Message}", e); }
        return FromBytes(bytes, path);
    }

    internal static byte[] ToBytes(DatabaseModel model)
    {
        var document = new JsonObject
        {
            ["engine"] = typeof(DatabaseModelFile).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            ["metadata"] = MetadataJson.ToNode(model.Metadata),
            ["order"] = new JsonArray([.. model.Graph.Order.Select(o => (JsonNode?)JsonValue.Create(o))]),
            ["roles"] = new JsonArray([.. model.Graph.Roles.Select(r => (JsonNode?)JsonValue.Create(r.ToString()))]),
            ["tables"] = JsonSerializer.SerializeToNode(model.Plans),
            ["files"] = JsonSerializer.SerializeToNode(model.FileNames.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value)),
        };
        byte[] payload = JsonSerializer.SerializeToUtf8Bytes(document);
        var bytes = new byte[HeaderLength + payload.Length + 32];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), payload.Length);
        payload.CopyTo(bytes.AsSpan(HeaderLength));
        SHA256.HashData(payload, bytes.AsSpan(HeaderLength + payload.Length));
        return bytes;
    }

    internal static DatabaseModel FromBytes(byte[] bytes, string source)
    {
        if (bytes.Length < HeaderLength || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
            throw new DoppelException(ErrorKind.Model, $"{source} is not a Doppel database model. Create one with 'doppel fit FOLDER -o MODEL.doppel'.");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (version > FormatVersion || version < 1)
            throw new DoppelException(ErrorKind.Model, $"{source} is a database model of format version {version}; this Doppel reads versions 1 to {FormatVersion}. Use a newer Doppel or fit the model again.");
        int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        if (length < 0 || (long)HeaderLength + length + 32 != bytes.Length)
            throw new DoppelException(ErrorKind.Model, $"{source} is damaged (truncated or extended): its length does not match its header. Fit the model again.");
        var payload = bytes.AsSpan(HeaderLength, length);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(HeaderLength + length)))
            throw new DoppelException(ErrorKind.Model, $"{source} is damaged: its checksum does not match. Fit the model again.");
        try
        {
            var document = JsonNode.Parse(payload)!.AsObject();
            var metadata = MetadataJson.Parse(document["metadata"]!.ToJsonString(), source);
            var order = document["order"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
            var roles = document["roles"]!.AsArray().Select(n => Enum.Parse<LinkRole>(n!.GetValue<string>())).ToArray();
            var plans = document["tables"].Deserialize<TablePlan[]>() ?? throw new JsonException("no tables");
            if (roles.Length != metadata.Relationships.Count || plans.Length != metadata.Tables.Count || plans.Where((p, i) => p.Name != metadata.Tables[i].Name).Any())
                throw new JsonException("the tables do not match the metadata");
            var files = document["files"].Deserialize<Dictionary<string, string>>() ?? [];
            return new DatabaseModel(metadata, SchemaGraph.Restore(order, roles), plans) { FileNames = files };
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or NullReferenceException)
        {
            throw new DoppelException(ErrorKind.Model, $"{source} has a valid checksum but its contents cannot be read ({e.Message}). Fit the model again.", e);
        }
    }
}
