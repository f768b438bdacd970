using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Doppel.Metadata;

/// <summary>The "sql" section of metadata JSON: a <see cref="SqlSchema"/> as camel-case JSON, unknown keys rejected.</summary>
internal static class SqlSchemaJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static JsonNode ToNode(SqlSchema sql) => JsonSerializer.SerializeToNode(sql, Options)!;

    public static SqlSchema Parse(JsonNode node, MetadataJson.Reader reader)
    {
        try
        {
            return node.Deserialize<SqlSchema>(Options) ?? throw new JsonException("\"sql\" is null.");
        }
        catch (JsonException e)
        {
            throw reader.Error($"the \"sql\" section is not valid: {e.Message}");
        }
    }
}
