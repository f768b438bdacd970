using System.Text.Json;
using System.Text.Json.Nodes;
using Doppel.Evaluation.Relational;
using Doppel.Evaluation.Sequences;

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
        if (q.Sequences.Count > 0) root["sequences"] = new JsonArray([.. q.Sequences.Select(Sequence)]);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonNode Sequence(SequenceQuality s)
    {
        var node = new JsonObject
        {
            ["table"] = s.Table,
            ["realEntities"] = s.RealEntities,
            ["syntheticEntities"] = s.SyntheticEntities,
            ["window"] = s.Window,
            ["accuracy"] = Accuracy(s.Accuracy),
            ["accuracyCeiling"] = s.AccuracyCeiling is { } ceiling ? Accuracy(ceiling) : null,
            ["sequenceLengthSimilarity"] = Number(s.LengthSimilarity),
            ["statisticMSAS"] = new JsonArray([.. s.Statistics.Select(x => (JsonNode)new JsonObject { ["column"] = x.Column, ["statistic"] = x.Statistic, ["score"] = Number(x.Score) })]),
            ["interRowMSAS"] = new JsonArray([.. s.InterRow.Select(x => (JsonNode)new JsonObject { ["column"] = x.Column, ["score"] = Number(x.Score) })]),
            ["autocorrelation"] = new JsonArray([.. s.Autocorrelation.Select(x => (JsonNode)new JsonObject { ["column"] = x.Column, ["lag"] = x.Lag, ["real"] = Number(x.Real), ["synthetic"] = Number(x.Synthetic) })]),
            ["orderHolds"] = Number(s.OrderHolds),
            ["entityDcrShare"] = s.EntityDcrShare is { } dcr ? Number(dcr) : null,
            ["entityIdenticalShare"] = s.EntityIdenticalShare is { } ims ? Number(ims) : null,
            ["holdoutEntityIdenticalShare"] = s.HoldoutEntityIdenticalShare is { } hims ? Number(hims) : null,
            ["stepsCompared"] = s.EntityDcrShare is null ? null : s.StepsCompared,
            ["realLengths"] = new JsonArray([.. s.RealLengths.Select(c => (JsonNode?)JsonValue.Create(c))]),
            ["syntheticLengths"] = new JsonArray([.. s.SyntheticLengths.Select(c => (JsonNode?)JsonValue.Create(c))]),
        };
        return node;
    }

    private static JsonObject Accuracy(SequenceAccuracyScore a) => new()
    {
        ["overall"] = Number(a.Overall),
        ["univariate"] = Number(a.Univariate),
        ["bivariate"] = Number(a.Bivariate),
        ["trivariate"] = Number(a.Trivariate),
        ["coherence"] = Number(a.Coherence),
    };

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 6)) : null;
}
