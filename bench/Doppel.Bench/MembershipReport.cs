using System.Globalization;
using System.Text;

namespace Doppel.Bench;

/// <summary>Renders issue #5 scope 6: the membership-inference attack on Adult per synthesizer, with the DP bound for MST.</summary>
internal static class MembershipReport
{
    /// <summary>The synthetic sets the orchestrator measures (see <see cref="MembershipMeasurement"/>).</summary>
    public static readonly string[] Configurations = ["copy", "gaussian-copula", "sequential-tree", "bayesian-network", "mst:1:public", "mst:0.3:public"];

    public static void Render(StringBuilder md, IReadOnlyList<Measurement> results, CultureInfo culture)
    {
        var rows = results.Where(r => r.Kind == "membership").ToList();
        if (rows.Count == 0) return;
        md.AppendLine("## Membership inference (issue #5, Adult)").AppendLine();
        md.AppendLine("The distance-based attack of `PrivacyRisk` (docs/privacy-metrics.md): 10,000 training rows (members) and 10,000 adult_test rows " +
                      "(non-members) scored by the distance to their closest synthetic row, on 32,561 synthetic rows (seed 1). \"chance\" is the " +
                      "advantage unrelated data exceeds 5% of the time; \"copy\" is the training data itself, the attack's ceiling. For MST (δ = 1e-9) the " +
                      "bound (e^ε − 1 + 2δ)/(e^ε + 1) on any attack's advantage; it is met when the measured advantage is at most the bound plus the " +
                      "sampling error of two empirical CDFs (2·√(ln(2/0.001)/(2·10,000)) = 0.039, Dvoretzky–Kiefer–Wolfowitz).").AppendLine();
        md.AppendLine("| synthetic | AUC [95%] | advantage | chance | TPR at FPR 0.1 | DCR share | DP bound | verdict | privacy risk s |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            double bound = r.Number("bound"), advantage = r.Number("advantage");
            double tolerance = 2 * Math.Sqrt(Math.Log(2 / 0.001) / (2.0 * r.Number("members")));
            string verdict = double.IsNaN(bound) ? "no formal bound" : advantage <= bound + tolerance ? "met" : "**missed**";
            md.AppendLine(string.Create(culture,
                $"| {r.Synthesizer} | {r.Number("auc"):0.000} [{r.Number("aucLow"):0.000}–{r.Number("aucHigh"):0.000}] | {advantage:0.000} | {r.Number("nullAdvantage95"):0.000} | " +
                $"{r.Number("tprAtFpr10"):0.000} | {r.DcrShare:0.000} | {(double.IsNaN(bound) ? "none" : bound.ToString("0.000", culture))} | {verdict} | {r.Median:0.00} |"));
        }
        md.AppendLine();
    }
}
