using System.Text.Json;
using System.Text.Json.Nodes;
using Doppel.Evaluation.Relational;

namespace Doppel.Cli.Relational;

/// <summary>The JSON form of a <see cref="MultiTableQuality"/> (NaN written as null).</summary>
internal static class MultiTableJson
{
    public static string Write(MultiTableQuality q)
    {
        var tables = new JsonObject();
        foreach (var (name, t) in q.Tables)
            tables[name] = new JsonObject
            {
                ["columnShapes"] = Number(t.Quality.ColumnShapes),
                ["columnPairTrends"] = Number(t.Quality.ColumnPairTrends),
                ["overall"] = Number(t.Quality.Overall),
                ["accuracy"] = Number(t.Accuracy.Overall),
            };
        var relationships = new JsonArray();
        foreach (var r in q.Relationships)
            relationships.Add(new JsonObject
            {
                ["relationship"] = r.Relationship,
                ["cardinality"] = Number(r.Cardinality),
                ["intertableTrends"] = Number(r.IntertableTrends),
                ["intertableTrendsAllPairs"] = Number(r.IntertableTrendsAllPairs),
                ["referentialIntegrity"] = Number(r.ReferentialIntegrity),
                ["cardinalityBoundaryAdherence"] = Number(r.CardinalityBoundaryAdherence),
                ["realChildren"] = new JsonArray([.. r.RealChildren.Select(c => (JsonNode?)JsonValue.Create(c))]),
                ["syntheticChildren"] = new JsonArray([.. r.SyntheticChildren.Select(c => (JsonNode?)JsonValue.Create(c))]),
            });
        var root = new JsonObject
        {
            ["format"] = "doppel-database-report",
            ["version"] = 1,
            ["overall"] = Number(q.Overall),
            ["cardinality"] = Number(q.Cardinality),
            ["intertableTrends"] = Number(q.IntertableTrends),
            ["intertableTrendsAllPairs"] = Number(q.IntertableTrendsAllPairs),
            ["columnShapes"] = Number(q.ColumnShapes),
            ["columnPairTrends"] = Number(q.ColumnPairTrends),
            ["columnPairTrendsAllPairs"] = Number(q.ColumnPairTrendsAllPairs),
            ["referentialIntegrity"] = Number(q.ReferentialIntegrity),
            ["cardinalityBoundaryAdherence"] = Number(q.CardinalityBoundaryAdherence),
            ["tables"] = tables,
            ["relationships"] = relationships,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 6)) : null;
}
