using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doppel.Evaluation.Reporting;

/// <summary>
/// Tolerant reading of the report document: a missing property, a null or a value of the wrong kind reads as
/// null, so one malformed section degrades to "n/a" or "not computed" instead of failing the whole page.
/// </summary>
internal static class ReportJson
{
    /// <summary>The object property <paramref name="name"/>, or null.</summary>
    public static JsonObject? Obj(this JsonNode? node, string name) => Get(node, name) as JsonObject;

    /// <summary>The array property <paramref name="name"/>, or null.</summary>
    public static JsonArray? Arr(this JsonNode? node, string name) => Get(node, name) as JsonArray;

    /// <summary>The objects of the array property <paramref name="name"/> (other elements skipped).</summary>
    public static IEnumerable<JsonObject> Objects(this JsonNode? node, string name) =>
        node.Arr(name)?.OfType<JsonObject>() ?? [];

    /// <summary>The string property <paramref name="name"/>, or null.</summary>
    public static string? Str(this JsonNode? node, string name) => AsString(Get(node, name));

    /// <summary>The number property <paramref name="name"/>, or null; NaN and infinities stay as they are.</summary>
    public static double? Num(this JsonNode? node, string name) => AsNumber(Get(node, name));

    /// <summary>The boolean property <paramref name="name"/>, or null.</summary>
    public static bool? Bool(this JsonNode? node, string name) =>
        Get(node, name) is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValueKind() == JsonValueKind.True
            : null;

    /// <summary>Whether the property <paramref name="name"/> is present and not null.</summary>
    public static bool Has(this JsonNode? node, string name) => Get(node, name) is not null;

    /// <summary>A string value, or null for anything else.</summary>
    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>
    /// A number value, or null. Also reads "NaN", "Infinity" and "-Infinity" strings (how System.Text.Json writes
    /// them with named floating-point literals allowed).
    /// </summary>
    public static double? AsNumber(JsonNode? node)
    {
        if (node is not JsonValue value) return null;
        if (value.TryGetValue(out double d)) return d;
        if (value.TryGetValue(out float f)) return f;
        if (value.TryGetValue(out int i)) return i;
        if (value.TryGetValue(out long l)) return l;
        if (value.TryGetValue(out decimal m)) return (double)m;
        return value.GetValueKind() switch
        {
            JsonValueKind.Number => double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d) ? d : null,
            JsonValueKind.String => value.GetValue<string>() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                _ => null,
            },
            _ => null,
        };
    }

    private static JsonNode? Get(JsonNode? node, string name) =>
        node is JsonObject obj && obj.TryGetPropertyValue(name, out var value) ? value : null;
}
