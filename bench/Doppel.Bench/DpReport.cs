using System.Globalization;
using System.Text;

namespace Doppel.Bench;

/// <summary>Renders issue #5's section: MST on Adult at each measured (ε, domain, target).</summary>
internal static class DpReport
{
    /// <summary>The configurations the orchestrator measures (see <see cref="DpMeasurement.Parse"/>).</summary>
    public static readonly string[] Configurations = ["mst:1:public:income", "mst:0.3:public:income", "mst:1:private:income", "mst:0.3:private:income", "mst:1:public"];

    public static void Render(StringBuilder md, IReadOnlyList<Measurement> results, CultureInfo culture)
    {
        var dp = results.Where(r => r.Kind == "dp").ToList();
        if (dp.Count == 0) return;
        md.AppendLine("## Differential privacy (issue #5, Adult, delta = 1e-9)").AppendLine();
        md.AppendLine("MST (`--epsilon`), each fit with fresh secure noise: five fits per row, medians (accuracy and F1 per fit in the JSON). " +
                      "\"public\" declares the training data's domain public (`inspect --domain`, then `--public-metadata`: the standard setting of the DP benchmarks); " +
                      "\"private\" estimates categories and bounds from the budget. \"target income\" is `--target income`. " +
                      "Minority F1: LightGBM trained on synthetic rows, tested on adult_test (class >50K); beside it the same model trained on the best non-DP synthesizer's rows (sequential-tree) and on the real rows.").AppendLine();
        md.AppendLine("| epsilon | domain | target | fit s | accuracy | univariate | bivariate | minority F1 | non-DP F1 | real F1 | DCR share |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in dp)
        {
            var (epsilon, publicDomain, target) = DpMeasurement.Parse(r.Synthesizer);
            md.AppendLine(string.Create(culture,
                $"| {epsilon:0.##} | {(publicDomain ? "public" : "private")} | {target ?? "none"} | {r.Median:0.00} [{r.Min:0.00}–{r.Max:0.00}] | {r.Accuracy:0.0000} | {r.Univariate:0.0000} | {r.Bivariate:0.0000} | " +
                $"{r.Number("minorityF1"):0.000} | {r.Number("minorityF1NonDp"):0.000} | {r.Number("minorityF1Real"):0.000} | {r.DcrShare:0.000} |"));
        }
        md.AppendLine().AppendLine("| floor | measured | verdict |").AppendLine("|---|---|---|");
        var one = dp.FirstOrDefault(r => r.Synthesizer == "mst:1:public:income");
        var low = dp.FirstOrDefault(r => r.Synthesizer == "mst:0.3:public:income");
        if (one is not null)
        {
            Report.Floor(md, "epsilon = 1: accuracy >= 0.96", $"{one.Accuracy:0.0000} (ceiling {one.Ceiling:0.0000})", one.Accuracy >= 0.96);
            double f1 = one.Number("minorityF1"), nonDp = one.Number("minorityF1NonDp");
            Report.Floor(md, "epsilon = 1: minority-class F1 > 0 and within 0.10 of the non-DP model's", $"{f1:0.000} vs {nonDp:0.000} (gap {nonDp - f1:0.000})", f1 > 0 && f1 >= nonDp - 0.10);
        }
        if (low is not null) Report.Floor(md, "epsilon = 0.3: accuracy >= 0.93", $"{low.Accuracy:0.0000}", low.Accuracy >= 0.93);
        var slowest = dp.MaxBy(r => r.Max)!;
        Report.Floor(md, "DP fit <= 60 s", string.Create(culture, $"{slowest.Max:0.00} s (slowest fit of any row)"), slowest.Max <= 60);
        md.AppendLine();
    }
}
