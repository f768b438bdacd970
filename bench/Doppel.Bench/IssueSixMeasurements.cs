using System.Diagnostics;
using System.Globalization;
using System.Text;
using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Evaluation.ML;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Bench;

/// <summary>
/// Issue #6's rebalancing and fair-generation floors on Adult: kinds <c>rebalance</c> (class shares after
/// rebalancing, against the request) and <c>fair</c> (demographic parity difference of income by sex, and the
/// accuracy of the other columns, against plain sampling); and their report sections.
/// </summary>
internal static class IssueSixMeasurements
{
    /// <summary>What is rebalanced: uniform race (five classes, two of them about 1%), and income at 40% '&gt;50K'.</summary>
    public static readonly (string Spec, string Column, Dictionary<string, double> Shares)[] Rebalances =
    [
        ("race", "race", new() { ["White"] = 0.2, ["Black"] = 0.2, ["Asian-Pac-Islander"] = 0.2, ["Amer-Indian-Eskimo"] = 0.2, ["Other"] = 0.2 }),
        ("income='>50K':0.4", "income", new() { [">50K"] = 0.4, ["<=50K"] = 0.6 }),
    ];

    public const string FairTarget = "income", FairSensitive = "sex";

    public static bool Handles(string kind) => kind is "rebalance" or "fair";

    public static void Measure(string kind, Table train, TableMetadata metadata, ISynthesizer recipe, long rows, int runs, Dictionary<string, object> result)
    {
        var model = recipe.Fit(train, metadata);
        var options = new SampleOptions { Seed = 1 };
        var seconds = new List<double>();
        if (kind == "rebalance")
        {
            double worst = 0;
            for (int run = 0; run <= runs; run++) // run 0 warms up
            {
                var watch = Stopwatch.StartNew();
                foreach (var (spec, column, shares) in Rebalances)
                {
                    var sample = model.Sample(Rebalance.Plan(model, spec, rows, options), options);
                    var values = (CategoryColumn)sample[column];
                    foreach (var (value, share) in shares)
                    {
                        double got = (double)Enumerable.Range(0, sample.RowCount).Count(r => !values.IsNull(r) && values.Categories[values.Codes[r]] == value) / sample.RowCount;
                        worst = Math.Max(worst, Math.Abs(got - share));
                    }
                }
                if (run > 0) seconds.Add(watch.Elapsed.TotalSeconds);
            }
            result["maxShareError"] = worst;
        }
        else
        {
            int n = train.RowCount;
            var plain = model.Sample(n, options);
            var watch = Stopwatch.StartNew();
            var fair = model.Sample(FairGeneration.Plan(model, FairTarget, FairSensitive, n, options), options);
            seconds.Add(watch.Elapsed.TotalSeconds);
            double? Parity(Table synthetic, bool real) =>
                Fairness.Compute(train, synthetic, metadata, FairTarget, [FairSensitive]).Columns[0] is var c ? (real ? c.RealParityDifference : c.SyntheticParityDifference) : null;
            result["realParity"] = Parity(plain, true) ?? double.NaN;
            result["plainParity"] = Parity(plain, false) ?? double.NaN;
            result["fairParity"] = Parity(fair, false) ?? double.NaN;
            // Accuracy of every column but the target (whose link to the sensitive column is removed on purpose).
            var others = new TableMetadata(metadata.Name, [.. metadata.Columns.Where(c => c.Name != FairTarget)], metadata.PrimaryKey);
            Table Others(Table t) => new([.. t.Columns.Where(c => c.Name != FairTarget)], t.RowCount);
            result["plainAccuracy"] = Accuracy.Compute(Others(train), Others(plain), others).Overall;
            result["fairAccuracy"] = Accuracy.Compute(Others(train), Others(fair), others).Overall;
        }
        result["seconds"] = seconds;
    }

    /// <summary>The report sections (nothing when neither kind was measured).</summary>
    public static void Render(StringBuilder md, IReadOnlyList<Measurement> results, CultureInfo culture)
    {
        var rebalance = results.Where(r => r.Kind == "rebalance").ToList();
        if (rebalance.Count > 0)
        {
            md.AppendLine("## Rebalancing (issue #6, Adult)").AppendLine();
            md.AppendLine(string.Create(culture, $"{rebalance[0].Rows:N0} rows rebalanced as {string.Join(" and as ", Rebalances.Select(r => $"`--rebalance \"{r.Spec}\"`"))}; the largest gap between a class's share and its request. Floor: within 1 percentage point."));
            md.AppendLine().AppendLine("| synthesizer | largest share gap (pp) | seconds (both) | verdict |").AppendLine("|---|---|---|---|");
            foreach (var r in rebalance)
            {
                double gap = r.Raw.GetProperty("maxShareError").GetDouble() * 100;
                md.AppendLine(string.Create(culture, $"| {r.Synthesizer} | {gap:0.000} | {r.Median:0.00} | {(gap <= 1 ? "met" : "**missed**")} |"));
            }
            md.AppendLine();
        }
        var fair = results.Where(r => r.Kind == "fair").ToList();
        if (fair.Count > 0)
        {
            md.AppendLine("## Fair generation (issue #6, Adult)").AppendLine();
            md.AppendLine(string.Create(culture, $"`--fair {FairTarget} --sensitive {FairSensitive}`, as many rows as the training data. Demographic parity difference of {FairTarget} by {FairSensitive} (real, plain synthetic, fair synthetic); accuracy of every column but {FairTarget}, plain and fair. Floors: parity difference <= 0.02; accuracy down by at most 0.01."));
            md.AppendLine().AppendLine("| synthesizer | parity: real | plain | fair | accuracy: plain | fair | drop | verdict |").AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var r in fair)
            {
                double Get(string name) => r.Raw.GetProperty(name).GetDouble();
                double drop = Get("plainAccuracy") - Get("fairAccuracy");
                bool met = Get("fairParity") <= 0.02 && drop <= 0.01;
                md.AppendLine(string.Create(culture, $"| {r.Synthesizer} | {Get("realParity"):0.0000} | {Get("plainParity"):0.0000} | {Get("fairParity"):0.0000} | {Get("plainAccuracy"):0.0000} | {Get("fairAccuracy"):0.0000} | {drop:+0.0000;-0.0000} | {(met ? "met" : "**missed**")} |"));
            }
            md.AppendLine();
        }
    }
}
