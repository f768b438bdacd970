using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation.ML;

/// <summary>
/// The detector <c>--synthesizer auto</c> weighs its candidates with (see <see cref="AutoSelection"/>): LightGBM
/// under 3-fold cross-validation on at most 5,000 rows of each table, without the explanation, so comparing three
/// candidates costs seconds, not the full report's minute.
/// </summary>
public static class AutoDetection
{
    /// <summary>The detection settings used.</summary>
    public static DetectionOptions Options { get; } = new() { Folds = 3, MaxRowsPerClass = 5_000, SurestRows = 0, ImportanceRows = 2 };

    /// <summary>The ROC AUC with which the classifier tells <paramref name="synthetic"/> from <paramref name="real"/>.</summary>
    public static double Auc(Table real, Table synthetic, TableMetadata metadata) => Detection.Compute(real, synthetic, metadata, Options).Auc;
}
