using System.Text.Json;
using System.Text.Json.Nodes;
using static System.FormattableString;

namespace Doppel.Evaluation.Reporting;

/// <summary>The synthetic file's provenance manifest, flattened to dotted keys and values.</summary>
internal static class ManifestSection
{
    /// <summary>Rows shown at most; a manifest is small, this only guards against a huge embedded object.</summary>
    private const int MaxRows = 400;

    public static void Write(Html html, JsonObject report)
    {
        ReportHtml.BeginSection(html, "provenance");
        var manifest = report.Obj("manifest");
        var rows = new List<IReadOnlyList<Cell>>();
        if (manifest is not null) Flatten(manifest, "", rows);
        if (rows.Count == 0)
        {
            html.NotComputed("No provenance manifest was found for the synthetic file (Doppel writes OUTPUT.manifest.json beside every output it samples).");
        }
        else
        {
            html.Raw("<p class=\"explain\">").Text("What made the synthetic data, from what, and the hash that shows whether it was altered since.").Raw("</p>\n");
            html.Table(["Key", "Value"], rows.Take(MaxRows), "kv");
            if (rows.Count > MaxRows) html.Raw("<p class=\"note\">").Text(Invariant($"The first {MaxRows} of {rows.Count} entries are shown.")).Raw("</p>\n");
        }
        ReportHtml.EndSection(html);
    }

    private static void Flatten(JsonNode? node, string key, List<IReadOnlyList<Cell>> rows)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                foreach (var (name, value) in obj) Flatten(value, key.Length == 0 ? name : key + "." + name, rows);
                break;
            case JsonArray array when array.Count > 0 && array.Any(e => e is JsonObject or JsonArray):
                for (int i = 0; i < array.Count; i++) Flatten(array[i], Invariant($"{key}[{i}]"), rows);
                break;
            default:
                rows.Add([Cell.Text(key), Cell.Text(Value(node))]);
                break;
        }
    }

    /// <summary>Strings as they are, everything else as compact JSON (invariant: JSON numbers are culture-free).</summary>
    private static string Value(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when ReportJson.AsNumber(v) is { } d && !double.IsFinite(d) => ReportFormat.NotAvailable,
        _ => node.ToJsonString(),
    };
}
