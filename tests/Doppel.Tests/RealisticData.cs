using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;

namespace Doppel.Tests;

/// <summary>
/// A seeded "real" table with known structure: correlated normals (ρ = 0.8), a point mass at zero, a categorical
/// driven by x, nulls that depend on x, dates, rare categories, keys and e-mails.
/// </summary>
internal static class RealisticData
{
    public const double Rho = 0.8;

    public static (Table Table, TableMetadata Metadata) Make(int n, ulong seed = 11)
    {
        var random = new RandomStream(seed, 0);
        var x = new double[n]; var y = new double[n]; var k = new double[n]; var w = new double[n];
        var c = new int[n]; var rare = new int[n]; var date = new long[n];
        var ids = new string?[n]; var mail = new string?[n];
        var wValid = new Validity(n);
        var start = new DateTime(2020, 1, 1);
        for (int i = 0; i < n; i++)
        {
            double zx = random.NextNormal(), e = random.NextNormal();
            x[i] = Math.Round(50 + 10 * zx, 2);
            y[i] = Math.Round(100 + 20 * (Rho * zx + Math.Sqrt(1 - Rho * Rho) * e), 2);
            k[i] = random.NextDouble() < 0.7 ? 0 : Math.Round(Math.Exp(5 + random.NextNormal()));
            double s = zx + 0.5 * random.NextNormal();
            c[i] = s > 1 ? 0 : s > 0 ? 1 : s > -1 ? 2 : 3;
            w[i] = Math.Round(random.NextDouble() * 10, 1);
            if (zx > 1) wValid.Set(i, false);
            rare[i] = i < 10 ? 3 + i % 3 : random.NextInt(3); // levels 3..5 appear at most 4 times
            date[i] = start.AddDays(random.NextInt(366)).Ticks;
            ids[i] = (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            mail[i] = $"person{i}.{random.NextInt(1000)}@realmail.com";
        }
        var table = new Table(
        [
            new NumberColumn("x", x), new NumberColumn("y", y), new NumberColumn("k", k), new NumberColumn("w", w, wValid),
            new CategoryColumn("c", c, ["high", "mid", "low", "lowest"]),
            new CategoryColumn("rare", rare, ["a", "b", "c", "unique-r1", "unique-r2", "unique-r3"]),
            new DateTimeColumn("date", date), new StringColumn("id", ids), new StringColumn("mail", mail),
        ]);
        var meta = new TableMetadata("realistic",
        [
            new ColumnMetadata("x", SemanticType.Numerical) { Decimals = 2 },
            new ColumnMetadata("y", SemanticType.Numerical) { Decimals = 2 },
            new ColumnMetadata("k", SemanticType.Numerical) { Integer = true, Decimals = 0 },
            new ColumnMetadata("w", SemanticType.Numerical) { Decimals = 1 },
            new ColumnMetadata("c", SemanticType.Categorical),
            new ColumnMetadata("rare", SemanticType.Categorical),
            new ColumnMetadata("date", SemanticType.Datetime) { Format = "yyyy-MM-dd" },
            new ColumnMetadata("id", SemanticType.Id) { Integer = true },
            new ColumnMetadata("mail", SemanticType.Pii) { Pii = PiiKind.Email },
        ], "id");
        return (table, meta);
    }
}
