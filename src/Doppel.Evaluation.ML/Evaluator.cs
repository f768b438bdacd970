using Doppel.Data;
using Doppel.Evaluation.Reporting;
using Doppel.Metadata;

namespace Doppel.Evaluation.ML;

/// <summary>What to evaluate: the real (training) table, the synthetic one and optionally a holdout, all typed by one metadata.</summary>
/// <param name="Real">The training data the model saw.</param>
/// <param name="Synthetic">The synthetic data.</param>
/// <param name="Holdout">Real rows the model never saw (ceiling, privacy, utility), or null.</param>
/// <param name="Metadata">The real data's metadata.</param>
public sealed record EvaluationRequest(Table Real, Table Synthetic, Table? Holdout, TableMetadata Metadata)
{
    /// <summary>File names for the report's inputs line.</summary>
    public (string Real, string Synthetic, string? Holdout) Names { get; init; } = ("real", "synthetic", "holdout");

    /// <summary>Column to predict for utility and fairness.</summary>
    public string? Target { get; init; }

    /// <summary>Sensitive columns for the fairness metrics (need <see cref="Target"/>).</summary>
    public IReadOnlyList<string> Sensitive { get; init; } = [];

    /// <summary>Run the LightGBM metrics (detection, utility, model-based fairness).</summary>
    public bool MachineLearning { get; init; } = true;

    /// <summary>
    /// The (ε, δ) of the differentially private model that made the synthetic data, when known: the report then shows
    /// the formal bound on a membership-inference attack's advantage. Null: no formal bound.
    /// </summary>
    public (double Epsilon, double Delta)? DpBudget { get; init; }

    /// <summary>Told the name of each metric as it starts ("accuracy", "privacy risk", ...), for progress; may be null.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>The engine string for the report.</summary>
    public string Engine { get; init; } = "doppel";
}

/// <summary>
/// Runs every evaluation the request allows and assembles the report: accuracy (with the holdout ceiling), the
/// Quality Report, diagnostics, privacy risk (with a holdout), detection, utility and fairness (LightGBM),
/// distributions and association matrices. The CLI's <c>evaluate</c> and the bench both call this.
/// </summary>
public static class Evaluator
{
    /// <summary>Evaluates; <paramref name="warn"/> receives notes about parts that could not be computed.</summary>
    public static EvaluationReport Run(EvaluationRequest request, Action<string>? warn = null)
    {
        var (real, synthetic, holdout, meta) = (request.Real, request.Synthetic, request.Holdout, request.Metadata);
        if (request.Sensitive.Count > 0 && request.Target is null)
            throw new DoppelException(ErrorKind.Usage, "Fairness needs a target (--target): the bias metrics compare outcome rates of the target between groups.");
        foreach (var column in request.Sensitive.Append(request.Target).OfType<string>())
            if (meta.Find(column) is null)
                throw new DoppelException(ErrorKind.Usage, $"Column '{column}' is not in the real data. Its columns are {string.Join(", ", meta.Columns.Select(c => $"'{c.Name}'"))}.");

        var report = EvaluationReport.Start(request.Engine,
            new ReportInput(request.Names.Real, real.RowCount, real.Columns.Count),
            new ReportInput(request.Names.Synthetic, synthetic.RowCount, synthetic.Columns.Count),
            holdout is null ? null : new ReportInput(request.Names.Holdout ?? "holdout", holdout.RowCount, holdout.Columns.Count),
            request.Target, request.Sensitive);
        var progress = request.Progress;
        progress?.Invoke("accuracy");
        report.AddAccuracy(Accuracy.Compute(real, synthetic, meta), holdout is null ? null : Accuracy.Compute(real, holdout, meta));
        progress?.Invoke("quality report");
        report.AddQuality(QualityReport.Compute(real, synthetic, meta, QualityVariant.SdMetrics), QualityReport.Compute(real, synthetic, meta, QualityVariant.Doppel));
        progress?.Invoke("diagnostics");
        report.AddDiagnostics(Diagnostics.Compute(real, synthetic, meta));
        progress?.Invoke("copy check");
        report.AddCopyCheck(CopyCheck.Compute(real, synthetic, holdout, meta));
        if (holdout is not null)
        {
            progress?.Invoke("privacy risk");
            report.AddPrivacy(PrivacyRisk.Compute(real, holdout, synthetic, meta, new PrivacyRiskOptions { DpBudget = request.DpBudget }));
        }
        if (request.MachineLearning)
        {
            // The model-based metrics need enough rows to train and cross-validate; on tiny data they are skipped
            // with the reason recorded, and the rest of the report still stands.
            progress?.Invoke("detection");
            Optional(report, "detection", warn, () => report.AddDetection(Detection.Compute(real, synthetic, meta), real, synthetic, meta));
            if (request.Target is { } target && holdout is not null)
            {
                progress?.Invoke("utility");
                Optional(report, "utility", warn, () => report.AddUtility(Utility.Compute(real, holdout, synthetic, meta, target)));
            }
        }
        else report.Skip("detection", "skipped on request (--no-ml)");
        if (request.Target is { } fairnessTarget && request.Sensitive.Count > 0)
        {
            progress?.Invoke("fairness");
            Optional(report, "fairness", warn, () => report.AddFairness(
                Fairness.Compute(real, synthetic, meta, fairnessTarget, request.Sensitive, request.MachineLearning ? holdout : null)));
        }
        progress?.Invoke("distributions and associations");
        report.AddDistributions(real, synthetic, meta);
        report.AddCorrelations(real, synthetic, meta);
        report.Finish();
        return report;
    }

    private static void Optional(EvaluationReport report, string section, Action<string>? warn, Action compute)
    {
        try
        {
            compute();
        }
        catch (DoppelException e) when (e.Kind == ErrorKind.Data)
        {
            report.Skip(section, e.Message);
            warn?.Invoke($"{section} not computed: {e.Message}");
        }
    }
}
