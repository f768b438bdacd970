using System.Globalization;
using System.Text;

namespace Doppel.Bench;

/// <summary>The "Schema-only generation (issue #14)" section of docs/benchmarks.md.</summary>
internal static class SchemaReport
{
    public static void Render(StringBuilder md, IReadOnlyList<Measurement> results, CultureInfo culture)
    {
        var measured = results.Where(r => r.Kind == "schema").ToDictionary(r => r.Synthesizer);
        if (measured.Count == 0) return;
        int cores = Environment.ProcessorCount;
        md.AppendLine("## Schema-only generation (issue #14)").AppendLine();
        md.AppendLine("| case | rows | median s (min-max) | rows/s | per core | floor | verdict |").AppendLine("|---|---|---|---|---|---|---|");
        if (measured.TryGetValue("numeric10", out var n))
        {
            double one = Median(n, "secondsOneThread");
            md.AppendLine(string.Create(culture, $"| 10 columns, no fakers, into CSV, 1 thread | {n.Rows:N0} | {one:0.000} | {n.Rows / one:N0} | {n.Rows / one:N0} | 1,000,000 / core | {(n.Rows / one >= 1e6 ? "met" : "**missed**")} |"));
            md.AppendLine(string.Create(culture, $"| 10 columns, no fakers, into CSV, {cores} threads | {n.Rows:N0} | {n.Median:0.000} ({n.Min:0.000}-{n.Max:0.000}) | {n.Rows / n.Median:N0} | {n.Rows / n.Median / cores:N0} | 1,000,000 / core | {(n.Rows / n.Median / cores >= 1e6 ? "met" : "**missed**")} |"));
        }
        if (measured.TryGetValue("fakers", out var f))
        {
            double bogus = Median(f, "bogusSeconds"), one = Median(f, "secondsOneThread");
            md.AppendLine(string.Create(culture, $"| full name + e-mail, Bogus itself, 1 core | {f.Rows:N0} | {bogus:0.000} | {f.Rows / bogus:N0} | {f.Rows / bogus:N0} | (anchor) | |"));
            md.AppendLine(string.Create(culture, $"| full name + e-mail, Doppel, 1 thread | {f.Rows:N0} | {one:0.000} | {f.Rows / one:N0} | {f.Rows / one:N0} | Bogus × 1 | {(one <= bogus ? "met" : "**missed**")} |"));
            md.AppendLine(string.Create(culture, $"| full name + e-mail, Doppel, {cores} threads | {f.Rows:N0} | {f.Median:0.000} | {f.Rows / f.Median:N0} | {f.Rows / f.Median / cores:N0} | Bogus × {cores} | {(f.Median * cores <= bogus ? "met" : "**missed**")} |"));
        }
        if (measured.TryGetValue("northwind", out var w))
            md.AppendLine(string.Create(culture, $"| northwind from its DDL alone, {w.Number("tables")} tables into CSV | {w.Number("totalRows"):N0} | {w.Median:0.00} | {w.Number("totalRows") / w.Median:N0} | {w.Number("totalRows") / w.Median / cores:N0} | (CSV: speed only) | |"));
        if (measured.TryGetValue("northwind-postgres", out var p))
        {
            int missing = p.Raw.GetProperty("constraintsMissing").GetArrayLength() + p.Raw.GetProperty("columnsDiffering").GetArrayLength();
            bool met = p.Number("totalRows") >= 1e7 && p.Number("rowsInDatabase") == p.Number("totalRows") && missing == 0 && p.Number("constraintsCreated") == p.Number("sourceConstraints");
            md.AppendLine(string.Create(culture, $"| northwind from its DDL alone, {p.Number("tables")} tables into PostgreSQL (binary COPY, then {p.Number("constraintsCreated")} of the dump's {p.Number("sourceConstraints")} PK/FK/UNIQUE/CHECK constraints created; every column's type and NOT NULL as declared) | {p.Number("rowsInDatabase"):N0} | {p.Median:0.00} | {p.Number("totalRows") / p.Median:N0} | {p.Number("totalRows") / p.Median / cores:N0} | 10,000,000 rows, every source constraint | {(met ? "met" : $"**missed** ({missing} constraints or columns differ)")} |"));
        }
        else md.AppendLine("| northwind from its DDL alone into PostgreSQL | | | | | 10,000,000 rows, every source constraint | not measured in this run: it needs a PostgreSQL cluster (`source .ci/postgres && doppel_pg_start`, then `DOPPEL_BENCH_PG=$DOPPEL_TEST_PG PGPASSWORD=$DOPPEL_TEST_PGPASSWORD`) |");
        if (measured.TryGetValue("adult", out var a))
            md.AppendLine(string.Create(culture, $"| Adult from a statistics-only spec | {a.Number("trainRows"):N0} | {a.Median:0.00} | | | accuracy ≥ 0.80 | {a.Number("accuracy"):0.000} (uni {a.Number("univariate"):0.000}, bi {a.Number("bivariate"):0.000}) {(a.Number("accuracy") >= 0.8 ? "met" : "**missed**")} |"));
        if (measured.TryGetValue("numeric10", out var v) && v.Raw.TryGetProperty("secondsValuesOnly", out _))
            md.AppendLine().AppendLine(string.Create(culture, $"Of the 10-column run on one thread, making the values takes {Median(v, "secondsValuesOnly"):0.000} s; the rest is CSV formatting, hashing and writing."));
        md.AppendLine().AppendLine(string.Create(culture, $"Peak memory: {string.Join(", ", measured.Values.Select(m => $"{m.Synthesizer} {m.PeakRss / 1048576.0:N0} MiB"))}.")).AppendLine();
    }

    private static double Median(Measurement m, string property) =>
        m.Raw.GetProperty(property).EnumerateArray().Select(e => e.GetDouble()).Order().ElementAt(m.Raw.GetProperty(property).GetArrayLength() / 2);
}
