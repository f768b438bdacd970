using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation;

/// <summary>Computes the <see cref="DiagnosticsResult"/> of a synthetic table against the real one.</summary>
public static class Diagnostics
{
    /// <summary>
    /// Checks every column of <paramref name="synthetic"/> against <paramref name="real"/> by its type in
    /// <paramref name="metadata"/>: numerical and datetime columns for BoundaryAdherence and RangeCoverage,
    /// categorical and boolean ones for CategoryAdherence and CategoryCoverage, ids for KeyUniqueness. Text and
    /// PII columns have no check. Definitions in docs/metrics.md.
    /// </summary>
    /// <exception cref="DoppelException">
    /// The tables' columns or column kinds differ, the synthetic table is empty, or the metadata does not fit them.
    /// </exception>
    public static DiagnosticsResult Compute(Table real, Table synthetic, TableMetadata metadata)
    {
        TablePair.Check(real, synthetic, metadata);
        var perColumn = new DiagnosticCheck[metadata.Columns.Count][];
        Parallelism.For(0, perColumn.Length, c =>
        {
            var column = metadata.Columns[c];
            perColumn[c] = column.Type switch
            {
                SemanticType.Numerical or SemanticType.Datetime => Numeric(column.Name, NumericValues.Of(real[column.Name], synthetic[column.Name])),
                SemanticType.Categorical or SemanticType.Boolean => Categories(column.Name, DiscreteCodes.FromCategories(real[column.Name], synthetic[column.Name])),
                SemanticType.Id => [new DiagnosticCheck(column.Name, MetricNames.KeyUniqueness, KeyUniqueness(synthetic[column.Name]))],
                _ => [],
            };
        });
        return new DiagnosticsResult([.. perColumn.SelectMany(c => c)]);
    }

    private static DiagnosticCheck[] Numeric(string name, NumericValues values)
    {
        double boundary = double.NaN, range = double.NaN;
        var real = values.RealSorted;
        var synthetic = values.SyntheticSorted;
        if (real.Length > 0 && synthetic.Length > 0)
        {
            double min = real[0], max = real[^1];
            boundary = (double)synthetic.Count(v => v >= min && v <= max) / synthetic.Length;
            if (max > min)
            {
                double below = Math.Max((synthetic[0] - min) / (max - min), 0);
                double above = Math.Max((max - synthetic[^1]) / (max - min), 0);
                range = Math.Max(1 - (below + above), 0);
            }
        }
        return
        [
            new DiagnosticCheck(name, MetricNames.BoundaryAdherence, boundary),
            new DiagnosticCheck(name, MetricNames.RangeCoverage, range),
        ];
    }

    private static DiagnosticCheck[] Categories(string name, DiscreteCodes codes)
    {
        var real = codes.Counts(codes.Real);
        var synthetic = codes.Counts(codes.Synthetic);
        long syntheticTotal = 0, adhering = 0;
        int realCategories = 0, covered = 0;
        for (int k = 0; k < codes.Levels; k++)
        {
            syntheticTotal += synthetic[k];
            if (real[k] == 0) continue;
            adhering += synthetic[k];
            realCategories++;
            if (synthetic[k] > 0) covered++;
        }
        double adherence = syntheticTotal == 0 || realCategories == 0 ? double.NaN : (double)adhering / syntheticTotal;
        double coverage = realCategories == 0 ? double.NaN : (double)covered / realCategories;
        return
        [
            new DiagnosticCheck(name, MetricNames.CategoryAdherence, adherence),
            new DiagnosticCheck(name, MetricNames.CategoryCoverage, coverage),
        ];
    }

    /// <summary>1 − (nulls + repeats of an earlier key) / rows, as SDMetrics computes it: 1 exactly when every key is present and unique.</summary>
    private static double KeyUniqueness(Column synthetic)
    {
        var labels = ColumnLabels.Of(synthetic);
        var seen = new HashSet<string>(labels.Length, StringComparer.Ordinal);
        int bad = 0;
        foreach (var label in labels) if (label is null || !seen.Add(label)) bad++;
        return 1 - (double)bad / labels.Length;
    }
}
