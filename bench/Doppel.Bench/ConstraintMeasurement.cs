using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Doppel.Constraints;
using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Mst;

namespace Doppel.Bench;

/// <summary>
/// Issue #6's constraint floor (kind <c>constraints</c>): a model fitted under the dataset's declared constraints
/// samples ROWS rows to CSV; the file is read back and each constraint is checked by code independent of the engine's
/// (share of rows that satisfy it; floor 100%); sampling time is compared with the same synthesizer without constraints.
/// </summary>
internal static class ConstraintMeasurement
{
    private sealed record Rule(string Text, Func<Table, Func<int, bool>> Check);

    /// <summary>The declared constraints of a dataset (empty when it has none to measure).</summary>
    private static Rule[] Rules(string dataset, Table real) => dataset switch
    {
        "adult" =>
        [
            new("capital-loss <= capital-gain", t => r => Num(t, "capital-loss", r) is not { } a || Num(t, "capital-gain", r) is not { } b || a <= b),
            new("18 <= age <= 80", t => r => Num(t, "age", r) is not { } a || a is >= 18 and <= 80),
            new("positive(hours-per-week)", t => r => Num(t, "hours-per-week", r) is not { } h || h > 0),
            new("multiple_of(hours-per-week, 5)", t => r => Num(t, "hours-per-week", r) is not { } h || h % 5 == 0),
            new("combination(education, education-num)", t =>
            {
                var seen = Pairs(real, "education", "education-num", 5);
                return r => Txt(t, "education", r) is not { } e || Txt(t, "education-num", r) is not { } n || seen.Contains((e, n));
            }),
            new("unique(fnlwgt)", t =>
            {
                var first = new Dictionary<double, int>();
                for (int r = 0; r < t.RowCount; r++) if (Num(t, "fnlwgt", r) is { } w) first.TryAdd(w, r);
                return r => Num(t, "fnlwgt", r) is not { } w || first[w] == r;
            }),
            new("matches(native-country, '[A-Z][A-Za-z&()-]+')", t => r => Txt(t, "native-country", r) is not { } c || Regex.IsMatch(c, "^[A-Z][A-Za-z&()-]+$")),
        ],
        "nyc_taxis" =>
        [
            new("pickup < dropoff", t => r => Num(t, "pickup", r) is not { } a || Num(t, "dropoff", r) is not { } b || a < b),
            new("total = fare + tip + tolls", t => r => Num(t, "total", r) is not { } s || Num(t, "fare", r) is not { } f || Num(t, "tip", r) is not { } p ||
                                                         Num(t, "tolls", r) is not { } o || Math.Abs(s - (f + p + o)) <= 1e-9 * Math.Max(1, Math.Abs(s))),
            new("fare > 0", t => r => Num(t, "fare", r) is not { } f || f > 0),
            new("tip >= 0", t => r => Num(t, "tip", r) is not { } p || p >= 0),
            new("combination(pickup_zone, pickup_borough)", t =>
            {
                var seen = Pairs(real, "pickup_zone", "pickup_borough", 5);
                return r => Txt(t, "pickup_zone", r) is not { } z || Txt(t, "pickup_borough", r) is not { } b || seen.Contains((z, b));
            }),
        ],
        _ => [],
    };

    public static Dictionary<string, object> Run(Dataset dataset, string synthesizer, long rows, int runs)
    {
        var load = Stopwatch.StartNew();
        var (train, _, metadata) = dataset.Load();
        var result = new Dictionary<string, object>
        {
            ["kind"] = "constraints", ["dataset"] = dataset.Name, ["synthesizer"] = synthesizer, ["rows"] = rows,
            ["trainRows"] = train.RowCount, ["columns"] = train.Columns.Count, ["loadSeconds"] = load.Elapsed.TotalSeconds,
        };
        bool isPrivate = SynthesizerCatalog.DifferentiallyPrivate.Contains(synthesizer);
        // A differentially private model cannot keep the real combinations: that rule is left out for it.
        var rules = Rules(dataset.Name, train).Where(r => !(isPrivate && r.Text.StartsWith("combination(", StringComparison.Ordinal))).ToArray();
        if (rules.Length == 0) throw new ArgumentException($"No constraints are declared for {dataset.Name}.");
        ISynthesizer Recipe() => isPrivate
            ? SynthesizerCatalog.Create(synthesizer, null, new DifferentialPrivacyOptions { Epsilon = 1, Delta = 1e-9, PublicDomain = false })
            : SynthesizerCatalog.Create(synthesizer);
        var plain = Recipe().Fit(train, metadata);
        var fit = ConstrainedFit.Fit(Recipe(), train, metadata, new() { Constraints = [.. rules.Select(r => r.Text)] });
        string path = Path.Combine(Path.GetTempPath(), $"doppel-bench-constraints-{Environment.ProcessId}.csv");
        try
        {
            using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            using (var writer = new CsvTableWriter(file, metadata))
                fit.Model.Sample(rows, new SampleOptions { Seed = 1 }, writer);
            var (synthetic, _) = TableFiles.Load(path, metadata);
            var shares = new Dictionary<string, double>();
            foreach (var rule in rules)
            {
                var holds = rule.Check(synthetic);
                int ok = 0;
                for (int r = 0; r < synthetic.RowCount; r++) if (holds(r)) ok++;
                shares[rule.Text] = synthetic.RowCount == 0 ? 1 : (double)ok / synthetic.RowCount;
            }
            result["writtenRows"] = synthetic.RowCount;
            result["shares"] = shares;
            result["trainingViolations"] = fit.Violations.ToDictionary(v => v.Constraint, v => v.Rows);
        }
        finally
        {
            File.Delete(path);
        }
        result["seconds"] = Timing.Runs(() => Sample(plain, rows), runs);
        result["constrainedSeconds"] = Timing.Runs(() => Sample(fit.Model, rows), runs);
        return result;
    }

    private static void Sample(SynthesisModel model, long rows)
    {
        using var memory = new MemoryTableWriter();
        model.Sample(rows, new SampleOptions { Seed = 1 }, memory);
    }

    private static double? Num(Table table, string column, int row) => table[column] switch
    {
        var c when c.IsNull(row) => null,
        NumberColumn n => n.Values[row],
        DateTimeColumn d => d.Ticks[row],
        _ => null,
    };

    private static string? Txt(Table table, string column, int row) => table[column] switch
    {
        var c when c.IsNull(row) => null,
        CategoryColumn c => c.Categories[c.Codes[row]],
        NumberColumn n => n.Values[row].ToString("R", CultureInfo.InvariantCulture),
        StringColumn s => s.Values[row],
        _ => null,
    };

    /// <summary>The real pairs seen at least <paramref name="minimum"/> times (rarer ones are not reproduced, by design).</summary>
    private static HashSet<(string, string)> Pairs(Table real, string a, string b, int minimum) =>
    [
        .. Enumerable.Range(0, real.RowCount).Select(r => (Txt(real, a, r), Txt(real, b, r))).Where(p => p.Item1 is not null && p.Item2 is not null)
            .GroupBy(p => p).Where(g => g.Count() >= minimum).Select(g => (g.Key.Item1!, g.Key.Item2!)),
    ];
}
