using Doppel.Data;
using Doppel.Schema.Generation;
using Doppel.Schema.Spec;
using static Doppel.Tests.Schema.SchemaTestSupport;

namespace Doppel.Tests.Schema;

public class SchemaGeneratorTests
{
    private static readonly SchemaSpec Shop = SpecYaml.Parse(SchemaSpecs.Shop);

    [Fact]
    public void Generate_ExactRowsKeysAndForeignKeysHold()
    {
        var customers = SchemaGenerator.GenerateTable(Shop, "customers", 7);
        var orders = SchemaGenerator.GenerateTable(Shop, "orders", 7);
        var lines = SchemaGenerator.GenerateTable(Shop, "order_lines", 7);
        Assert.Equal(2000, customers.RowCount);
        Assert.Equal(9000, lines.RowCount);
        var ids = Numbers(customers, "customer_id").ToHashSet();
        Assert.Equal(2000, ids.Count);
        Assert.Equal(2000, Cells(customers, "code").Distinct().Count());
        Assert.All(Cells(customers, "code"), c => Assert.Matches(@"^[A-Z]{3}-\d{4}$", c));
        Assert.Equal(2000, Cells(customers, "uid").Distinct().Count());
        Assert.Equal(2000, Cells(customers, "email").Distinct().Count());
        var orderIds = Numbers(orders, "order_id");
        Assert.Equal(orders.RowCount, orderIds.Distinct().Count());
        // Orders' count is the sum of the fan-out (no rows given), every customer has 0 to 8 orders.
        var perCustomer = Numbers(orders, "customer_id").GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(perCustomer.Keys, k => Assert.Contains(k, ids));
        Assert.All(perCustomer.Values, c => Assert.InRange(c, 1, 8));
        var orderSet = orderIds.ToHashSet();
        var lineOrders = Numbers(lines, "order_id");
        var lineProducts = Numbers(lines, "line_product");
        Assert.All(lineOrders, o => Assert.Contains(o, orderSet));
        Assert.Equal(9000, lineOrders.Zip(lineProducts).Distinct().Count()); // the composite key holds
        Assert.All(lineOrders.GroupBy(o => o), g => Assert.InRange(g.Count(), 1, 6));
        Assert.Equal(orderSet.Count, lineOrders.Distinct().Count()); // fan-out min 1: every order has a line
        Assert.All(Cells(customers, "note"), n => Assert.True(n is null || n.Length <= 30));
    }

    [Fact]
    public void Generate_CheckFormulaAndBoundsHoldInEveryRow()
    {
        var customers = SchemaGenerator.GenerateTable(Shop, "customers", 7);
        var level = Numbers(customers, "level");
        var visits = Numbers(customers, "visits");
        Assert.All(Enumerable.Range(0, customers.RowCount), r => Assert.True(level[r] <= visits[r] + 5));
        var income = Numbers(customers, "income");
        var bonus = Numbers(customers, "bonus");
        Assert.All(Enumerable.Range(0, customers.RowCount), r => Assert.Equal(Math.Round(income[r] * 0.1, 2), bonus[r], 9));
        Assert.All(Numbers(customers, "age"), a => Assert.InRange(a, 18, 90));
        Assert.All(Numbers(customers, "rank"), a => Assert.InRange(a, 1, 100));
    }

    [Fact]
    public void Generate_ShapesFollowTheSpec()
    {
        var customers = SchemaGenerator.GenerateTable(Shop, "customers", 11);
        int n = customers.RowCount;
        // Shares of n = 2000 rows: 4 standard errors of a proportion.
        double Tolerance(double p) => 4 * Math.Sqrt(p * (1 - p) / n);
        double gold = Cells(customers, "tier").Count(t => t == "gold") / (double)n;
        Assert.InRange(gold, 0.1 - Tolerance(0.1), 0.1 + Tolerance(0.1));
        double nulls = Cells(customers, "note").Count(v => v is null) / (double)n;
        Assert.InRange(nulls, 0.3 - Tolerance(0.3), 0.3 + Tolerance(0.3));
        double zeros = Numbers(customers, "score").Count(v => v == 0) / (double)n;
        Assert.InRange(zeros, 0.5 - Tolerance(0.5), 0.5 + Tolerance(0.5));
        double visits = Numbers(customers, "visits").Average();
        Assert.InRange(visits, 3 - 4 * Math.Sqrt(3.0 / n), 3 + 4 * Math.Sqrt(3.0 / n));
        // Weekdays weighted 1,1,1,1,1,3,3: the weekend holds 6/11 of the days.
        var signup = ((DateTimeColumn)customers["signup"]).Ticks.Select(t => new DateTime(t)).ToArray();
        double weekend = signup.Count(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) / (double)n;
        Assert.InRange(weekend, 6.0 / 11 - Tolerance(6.0 / 11), 6.0 / 11 + Tolerance(6.0 / 11));
        Assert.All(signup, d => Assert.InRange(d.Hour, 6, 21));
        // The rank correlation of age and income is the declared 0.6 (standard error about 0.015 at n = 2000).
        Assert.InRange(Spearman(Numbers(customers, "age"), Numbers(customers, "income")), 0.52, 0.68);
    }

    [Fact]
    public void AddingOrReorderingColumns_LeavesEveryOtherColumnIdentical()
    {
        var before = Shop.Tables.ToDictionary(t => t.Name, t => SchemaGenerator.GenerateTable(Shop, t.Name, 3));
        // A new column in front of every table, and the other columns in reverse order.
        var extra = SpecYaml.Parse("""
            doppel: schema/1
            tables:
              x:
                rows: 1
                columns:
                  added: { type: decimal, normal: { mean: 0, sd: 1 } }
                  added_text: { type: string, faker: full_name }
            """).Tables[0].Columns;
        var changed = Shop with { Tables = [.. Shop.Tables.Select(t => t with { Columns = [.. extra, .. t.Columns.Reverse()] })] };
        foreach (var table in Shop.Tables)
        {
            var after = SchemaGenerator.GenerateTable(changed, table.Name, 3);
            Assert.Equal(before[table.Name].RowCount, after.RowCount);
            foreach (var column in table.Columns)
                Assert.True(Cells(before[table.Name], column.Name).SequenceEqual(Cells(after, column.Name)), $"{table.Name}.{column.Name} changed when a column was added");
        }
        // Every generator kind is covered by the spec above.
        var kinds = Shop.Tables.SelectMany(t => t.Columns).Select(c => c.Generator?.Kind).OfType<string>().ToHashSet();
        Assert.Superset(kinds, SpecYaml.GeneratorKinds.Where(k => k != "constant").ToHashSet());
    }

    [Fact]
    public void Generate_IsByteIdenticalForAnyThreadCount()
    {
        var big = Shop with { Tables = [.. Shop.Tables.Select(t => t.Name switch { "customers" => t with { Rows = 30_000 }, "order_lines" => t with { Rows = null }, _ => t })] };
        string one = GenerateFolder(big, 5, threads: 1), two = GenerateFolder(big, 5, threads: 2);
        try
        {
            foreach (string file in Directory.GetFiles(one).Select(Path.GetFileName).OfType<string>())
                Assert.Equal(File.ReadAllBytes(Path.Combine(one, file)), File.ReadAllBytes(Path.Combine(two, file)));
            Assert.Equal(3, Directory.GetFiles(one).Length);
        }
        finally
        {
            Directory.Delete(one, true);
            Directory.Delete(two, true);
        }
    }

    [Fact]
    public void Faker_DrawsLocaleDataWithoutBogusRandomizer()
    {
        var customers = SchemaGenerator.GenerateTable(Shop, "customers", 7);
        Assert.All(Cells(customers, "email"), e => Assert.Matches(@"^[a-z]+\.[a-z]+\d*@example\.(com|org|net)$", e));
        Assert.True(Cells(customers, "first_name").Distinct().Count() > 200);
    }

    private static double Spearman(double[] a, double[] b)
    {
        static double[] Ranks(double[] x)
        {
            var order = Enumerable.Range(0, x.Length).OrderBy(i => x[i]).ToArray();
            var ranks = new double[x.Length];
            for (int i = 0; i < order.Length;)
            {
                int j = i;
                while (j < order.Length && x[order[j]] == x[order[i]]) j++;
                for (int k = i; k < j; k++) ranks[order[k]] = (i + j - 1) / 2.0;
                i = j;
            }
            return ranks;
        }
        var ra = Ranks(a);
        var rb = Ranks(b);
        double ma = ra.Average(), mb = rb.Average();
        double cov = ra.Zip(rb).Sum(p => (p.First - ma) * (p.Second - mb));
        return cov / Math.Sqrt(ra.Sum(x => (x - ma) * (x - ma)) * rb.Sum(x => (x - mb) * (x - mb)));
    }
}

public class FakerLocaleTests
{
    // French lists first names by sex only; they must win over Bogus's fallback to English.
    [Fact]
    public void FirstNames_ComeFromTheLocale()
    {
        var spec = SpecYaml.Parse("""
            doppel: schema/1
            tables:
              people:
                rows: 500
                columns:
                  first: { type: string, faker: first_name, locale: fr }
            """);
        var names = SchemaTestSupport.Cells(SchemaGenerator.GenerateTable(spec, "people", 3), "first").ToHashSet();
        static HashSet<string> List(string path, string locale)
        {
            var array = (Bogus.Bson.BArray)Bogus.Database.Get("name", path, locale, locale);
            return [.. Enumerable.Range(0, array.Count).Select(i => array[i].StringValue)];
        }
        var french = List("male_first_name", "fr").Union(List("female_first_name", "fr")).ToHashSet();
        Assert.All(names, n => Assert.Contains(n!, french));
        Assert.True(names.Count > 100, $"{names.Count} distinct names");
        var english = List("first_name", "en");
        Assert.DoesNotContain(names, n => english.Contains(n!) && !french.Contains(n!));
    }
}

public class CompositeUniqueTests
{
    private const string Spec = """
        doppel: schema/1
        tables:
          visits:
            rows: ROWS
            unique: [[store, day]]
            columns:
              store:  { type: string, categories: { north: 0.7, south: 0.2, east: 0.1 } }
              day:    { type: date, datetime: { from: 2024-01-01, to: 2024-02-29 } }
              amount: { type: decimal, uniform: { min: 1, max: 9 }, decimals: 2 }
        """;

    // Neither column is unique alone and no foreign key is involved: the pair is enumerated as one mixed-radix rank.
    [Fact]
    public void FreeColumns_AreUniqueTogether()
    {
        var table = SchemaGenerator.GenerateTable(SpecYaml.Parse(Spec.Replace("ROWS", "150", StringComparison.Ordinal)), "visits", 5);
        var pairs = Enumerable.Range(0, table.RowCount).Select(r => (SchemaTestSupport.Cell(table["store"], r), SchemaTestSupport.Cell(table["day"], r))).ToList();
        Assert.Equal(150, pairs.Distinct().Count());
        Assert.Equal(3, pairs.Select(p => p.Item1).Distinct().Count());
        Assert.True(pairs.Select(p => p.Item2).Distinct().Count() > 40);
    }

    [Fact]
    public void TooFewCombinations_AreRefusedWithTheNumbers()
    {
        // 3 stores × 60 days = 180 combinations.
        var refused = SchemaTestSupport.Refused(Spec.Replace("ROWS", "181", StringComparison.Ordinal));
        Assert.Contains("unique (store, day) has only 180 combinations of values for 181 rows", refused.Message);
    }
}

public class GeneratorShapeTests
{
    private static SchemaSpec One(string column) => SpecYaml.Parse($$"""
        doppel: schema/1
        tables:
          t:
            rows: 4000
            columns:
              x: {{column}}
        """);

    private static double[] Draw(string column) => SchemaTestSupport.Numbers(SchemaGenerator.GenerateTable(One(column), "t", 9), "x");

    // Means within 4 standard errors of n = 4000 draws (sd / sqrt(n)), from each distribution's own moments.
    [Theory]
    [InlineData("{ type: decimal, exponential: { mean: 3 } }", 3.0, 3.0)]
    [InlineData("{ type: decimal, lognormal: { mu: 1, sigma: 0.5 } }", 3.0802, 1.6416)]   // e^(mu + s²/2); sd = mean·sqrt(e^(s²) − 1)
    [InlineData("{ type: decimal, normal: { mean: -2, sd: 4 } }", -2.0, 4.0)]
    [InlineData("{ type: integer, poisson: { mean: 7 } }", 7.0, 2.6458)]
    public void Distributions_HaveTheirMeans(string column, double mean, double sd)
    {
        var values = Draw(column);
        Assert.InRange(values.Average(), mean - 4 * sd / Math.Sqrt(values.Length), mean + 4 * sd / Math.Sqrt(values.Length));
    }

    [Fact]
    public void Zipf_RankOneHasItsShare()
    {
        // P(1) = 1 / H(n, s) for n = 50, s = 1.2.
        double h = Enumerable.Range(1, 50).Sum(k => 1 / Math.Pow(k, 1.2));
        var values = Draw("{ type: integer, zipf: { n: 50, s: 1.2 } }");
        double p = 1 / h, share = values.Count(v => v == 1) / (double)values.Length;
        Assert.InRange(share, p - 4 * Math.Sqrt(p * (1 - p) / values.Length), p + 4 * Math.Sqrt(p * (1 - p) / values.Length));
        Assert.All(values, v => Assert.InRange(v, 1, 50));
    }

    // Every faker by name: values, none empty, the same for the same seed, and more than a handful of distinct ones.
    [Theory]
    [InlineData("first_name")] [InlineData("last_name")] [InlineData("full_name")] [InlineData("email")] [InlineData("username")]
    [InlineData("phone")] [InlineData("street_address")] [InlineData("city")] [InlineData("state")] [InlineData("country")]
    [InlineData("postal_code")] [InlineData("company")] [InlineData("url")] [InlineData("word")] [InlineData("words")]
    [InlineData("sentence")] [InlineData("paragraph")]
    public void EveryFaker_MakesVariedValues(string faker)
    {
        var spec = One($"{{ type: string, faker: {faker} }}");
        var values = SchemaTestSupport.Cells(SchemaGenerator.GenerateTable(spec, "t", 9), "x");
        Assert.All(values, v => Assert.False(string.IsNullOrWhiteSpace(v)));
        Assert.Equal(values, SchemaTestSupport.Cells(SchemaGenerator.GenerateTable(spec, "t", 9), "x"));
        Assert.True(values.Distinct().Count() >= 20, $"{faker}: {values.Distinct().Count()} distinct values");
        if (faker == "email") Assert.All(values, v => Assert.Matches("^[^@ ]+@[^@ ]+\\.[a-z]+$", v!));
    }
}

public class CutAtWordTests
{
    [Theory]
    [InlineData("Walker Hagenes", 10, "Walker")]
    [InlineData("Ann Lee Smith", 7, "Ann Lee")]
    [InlineData("Abcdefghijkl", 5, "Abcde")]
    [InlineData(" Leading", 4, " Lea")]
    public void Cut_EndsAtAWordBoundary(string value, int length, string expected) =>
        Assert.Equal(expected, Doppel.Schema.Generation.BlockGenerator.CutAtWord(value, length));
}

public class HistogramFormTests
{
    private static double[] Draw(string histogram) => SchemaTestSupport.Numbers(SchemaGenerator.GenerateTable(SpecYaml.Parse($$"""
        doppel: schema/1
        tables:
          t:
            rows: 4000
            columns:
              x: { type: decimal, histogram: {{histogram}}, decimals: 2 }
        """), "t", 4), "x");

    private static void Share(double[] values, Func<double, bool> where, double p) =>
        Assert.InRange(values.Count(where) / (double)values.Length, p - 4 * Math.Sqrt(p * (1 - p) / values.Length), p + 4 * Math.Sqrt(p * (1 - p) / values.Length));

    // The three spellings of a histogram: edges with weights, bins (which may overlap), and a value map.
    [Fact]
    public void EdgesBinsAndValueMaps_DrawTheirShares()
    {
        var edges = Draw("{ edges: [0, 10, 20], weights: [1, 3] }");
        Share(edges, v => v < 10, 0.25);
        Assert.All(edges, v => Assert.InRange(v, 0, 20));

        var bins = Draw("{ bins: [[0, 10, 1], [5, 15, 1], [100, 100, 2]] }");
        Share(bins, v => v == 100, 0.5);                 // a bin of zero width is a point mass
        Share(bins, v => v is >= 5 and < 10, 0.25);      // where the two ranges overlap: half of each
        Assert.All(bins, v => Assert.True(v is >= 0 and <= 15 or 100, $"{v}"));

        var map = Draw("{ 1: 0.2, 2.5: 0.5, 4: 0.3 }");
        Assert.Equal([1, 2.5, 4], map.Distinct().Order());
        Share(map, v => v == 2.5, 0.5);
    }
}

public class SpecJsonSchemaTests
{
    // The editors' JSON Schema (docs/schema-spec.schema.json) names every key the reader accepts, and no other.
    [Fact]
    public void JsonSchema_KeepsStepWithTheReader()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Doppel.slnx"))) root = root.Parent;
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root!.FullName, "docs", "schema-spec.schema.json")));
        var table = schema.RootElement.GetProperty("properties").GetProperty("tables").GetProperty("additionalProperties");
        var column = table.GetProperty("properties").GetProperty("columns").GetProperty("additionalProperties");
        static string[] Keys(System.Text.Json.JsonElement e) => [.. e.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order()];
        Assert.Equal(SpecYaml.TableKeys.Order(), Keys(table));
        Assert.Equal(SpecYaml.ColumnKeys.Concat(SpecYaml.GeneratorKinds).Order(), Keys(column));
    }
}
