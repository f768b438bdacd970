using System.Text.Json;
using System.Text.Json.Nodes;
using Doppel.Privacy.Dp;
using Doppel.Provenance;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Bayes;
using Doppel.Synthesizers.Columns;
using Doppel.Synthesizers.Trees;

namespace Doppel.Models;

/// <summary>What a model file holds, for people (<c>doppel model</c>): its recipe, provenance and, per column, what is stored and how large it is.</summary>
/// <param name="Synthesizer">The synthesizer that fitted it.</param>
/// <param name="FormatVersion">The model file's format version.</param>
/// <param name="FileBytes">The file's size.</param>
/// <param name="Generator">How columns depend on each other (a correlation factor, trees, a network).</param>
/// <param name="DependenceBytes">Bytes of the dependence part (the correlation factor; 0 when it lives in the columns).</param>
/// <param name="TrainingRows">Rows the model was fitted on (for a differentially private model, its noisy estimate).</param>
/// <param name="FitSeed">The seed of the fit's tie-breaking.</param>
/// <param name="Source">Fingerprints of the training data and metadata.</param>
/// <param name="Privacy">The differential-privacy budget, or null.</param>
/// <param name="Constraints">The constraints every sample obeys.</param>
/// <param name="Options">The fit's options (rare categories, PII locale).</param>
/// <param name="Columns">Per column, in table order.</param>
internal sealed record ModelSummary(string Synthesizer, int FormatVersion, long FileBytes, string Generator, long DependenceBytes, long TrainingRows, ulong FitSeed,
    SourceFingerprint Source, PrivacyBudget? Privacy, IReadOnlyList<string> Constraints, SynthesizerOptions Options, IReadOnlyList<ColumnSummary> Columns)
{
    /// <summary>Summarizes a loaded model; <paramref name="formatVersion"/> and <paramref name="fileBytes"/> come from its file.</summary>
    public static ModelSummary Of(SynthesisModel model, int formatVersion, long fileBytes)
    {
        var parts = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        string generator;
        long dependence = 0;
        switch (model.Generator)
        {
            case CopulaGenerator copula:
                foreach (var column in copula.Columns) parts[column.Name] = JsonSerializer.SerializeToNode<ColumnModel>(column);
                int d = copula.Dimensions;
                generator = copula.Cholesky is null ? "independent columns (no correlation)" : $"Gaussian copula: a {d}x{d} correlation factor over {d} latent dimensions";
                dependence = copula.Cholesky is null ? 0 : JsonSerializer.SerializeToUtf8Bytes(copula.Cholesky).Length;
                break;
            case TreeGenerator trees:
                foreach (var column in trees.Columns) parts[column.Name] = JsonSerializer.SerializeToNode<TreeColumn>(column);
                generator = $"sequential decision trees, columns in the order {string.Join(", ", trees.Order.Select(i => trees.Columns[i].Name))}";
                break;
            case BayesGenerator network:
                foreach (var column in network.Columns)
                {
                    var node = JsonSerializer.SerializeToNode<BayesNode>(column);
                    parts[column.Name] = node;
                    if (node?["Table"]?["Parents"] is JsonArray { Count: > 0 } given)
                        parents[column.Name] = "parents: " + string.Join(", ", given.Select(p => network.Columns[(int)p!].Name));
                }
                generator = $"Bayesian network of conditional tables, columns in the order {string.Join(", ", network.Order.Select(i => network.Columns[i].Name))}";
                break;
            default:
                generator = model.Generator.GetType().Name;
                break;
        }
        var columns = model.Metadata.Columns.Select(c =>
        {
            var node = parts.GetValueOrDefault(c.Name);
            string kind = node is JsonObject o && o["kind"] is JsonValue k ? k.ToString() : "none";
            long bytes = node is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(node.ToJsonString());
            var holds = node is JsonObject obj ? Holds(obj, "") : [];
            if (parents.TryGetValue(c.Name, out var given)) holds.Insert(0, given);
            return new ColumnSummary(c.Name, c.TypeName, kind, bytes, holds);
        }).ToList();
        return new ModelSummary(model.Synthesizer, formatVersion, fileBytes, generator, dependence, model.TrainingRows, model.Options.FitSeed, model.Source,
            model.Privacy, model.Metadata.Constraints, model.Options, columns);
    }

    /// <summary>The arrays a column model stores, with their lengths (a tree's parallel arrays once, as its nodes).</summary>
    private static List<string> Holds(JsonObject node, string prefix)
    {
        var holds = new List<string>();
        if (node["Feature"] is JsonArray nodes && node["Left"] is JsonArray)
        {
            holds.Add($"{prefix.TrimEnd('.')}: {nodes.Count:N0} nodes");
            return holds;
        }
        foreach (var (name, value) in node)
        {
            if (value is JsonArray array) holds.Add($"{prefix}{name}: {array.Count:N0}");
            else if (value is JsonObject inner && prefix.Length == 0) holds.AddRange(Holds(inner, name + "."));
        }
        return holds;
    }
}

/// <summary>One column of a <see cref="ModelSummary"/>.</summary>
/// <param name="Name">The column.</param>
/// <param name="Type">Its semantic type.</param>
/// <param name="Model">The kind of column model (numeric, categorical, pattern, id, ...).</param>
/// <param name="Bytes">Bytes its model takes in the file (JSON).</param>
/// <param name="Holds">The arrays the model stores and their lengths, e.g. <c>Knots: 1,000</c>.</param>
internal sealed record ColumnSummary(string Name, string Type, string Model, long Bytes, IReadOnlyList<string> Holds);
