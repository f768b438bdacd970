using System.Text.Json.Nodes;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation.Reporting;

/// <summary>
/// One column's real and synthetic shares per accuracy bin (<see cref="Binning"/>: deciles of the real data for
/// numbers and datetimes, its top categories plus "(other)", and nulls), as the report's distribution charts read them.
/// </summary>
internal static class BinnedDistribution
{
    /// <summary>
    /// <c>{ column, type, bins: [{ label, real, synthetic }] }</c>; bins empty on both sides are left out.
    /// </summary>
    public static JsonObject Of(Table real, Table synthetic, ColumnMetadata column)
    {
        var binning = Binning.Learn(real[column.Name], column.Type);
        var r = Shares(binning.Apply(real[column.Name]), binning.Count);
        var s = Shares(binning.Apply(synthetic[column.Name]), binning.Count);
        var bins = new JsonArray();
        for (int b = 0; b < binning.Count; b++)
            if (r[b] > 0 || s[b] > 0)
                bins.Add(new JsonObject { ["label"] = binning.Labels[b], ["real"] = EvaluationReport.Number(r[b]), ["synthetic"] = EvaluationReport.Number(s[b]) });
        return new JsonObject
        {
            ["column"] = column.Name,
            ["type"] = column.Type is SemanticType.Numerical or SemanticType.Datetime ? "numerical" : "categorical",
            ["bins"] = bins,
        };
    }

    private static double[] Shares(int[] bins, int count)
    {
        var shares = new double[count];
        foreach (int b in bins) shares[b]++;
        for (int b = 0; b < count; b++) shares[b] /= Math.Max(1, bins.Length);
        return shares;
    }
}
