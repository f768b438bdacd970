using Doppel.Data;
using Doppel.Expressions;
using Doppel.Metadata;

namespace Doppel.Tests;

public class ExpressionParserTests
{
    private static readonly string[] Columns = ["sex", "age", "capital-gain", "income", "capital", "when", "flag"];

    [Fact]
    public void Parse_PrecedenceAndChains()
    {
        var expr = ExpressionParser.Parse("sex = 'Female' and 30 <= age <= 40 or not flag", Columns);
        var or = Assert.IsType<LogicalExpr>(expr);
        Assert.False(or.IsAnd);
        var and = Assert.IsType<LogicalExpr>(or.Left);
        Assert.True(and.IsAnd);
        Assert.IsType<NotExpr>(or.Right);
        var chain = Assert.IsType<LogicalExpr>(and.Right); // 30 <= age and age <= 40
        Assert.Equal(CompareOp.LessOrEqual, Assert.IsType<CompareExpr>(chain.Left).Operator);
        Assert.Equal("age", Assert.IsType<ColumnExpr>(Assert.IsType<CompareExpr>(chain.Right).Left).Name);
    }

    [Fact]
    public void Parse_HyphenatedColumnsQuotesAndArithmetic()
    {
        var cmp = Assert.IsType<CompareExpr>(ExpressionParser.Parse("capital-gain > capital * 2 - 1", Columns));
        Assert.Equal("capital-gain", Assert.IsType<ColumnExpr>(cmp.Left).Name);
        var minus = Assert.IsType<ArithmeticExpr>(cmp.Right);
        Assert.Equal('-', minus.Operator);
        Assert.Equal('*', Assert.IsType<ArithmeticExpr>(minus.Left).Operator);
        var quoted = Assert.IsType<CompareExpr>(ExpressionParser.Parse("`capital` = \"capital-gain\"", Columns));
        Assert.Equal("capital", Assert.IsType<ColumnExpr>(quoted.Left).Name);
        var or = Assert.IsType<LogicalExpr>(ExpressionParser.Parse("income = '>50K' or sex = 'it''s'", Columns));
        Assert.Equal(">50K", Assert.IsType<TextExpr>(Assert.IsType<CompareExpr>(or.Left).Right).Value);
        Assert.Equal("it's", Assert.IsType<TextExpr>(Assert.IsType<CompareExpr>(or.Right).Right).Value);
    }

    [Fact]
    public void Parse_InAndIsNull()
    {
        var inExpr = Assert.IsType<InExpr>(ExpressionParser.Parse("sex not in ('A', 'B')", Columns));
        Assert.True(inExpr.Negated);
        Assert.Equal(2, inExpr.Items.Count);
        Assert.True(Assert.IsType<IsNullExpr>(ExpressionParser.Parse("age is not null", Columns)).Negated);
    }

    [Theory]
    [InlineData("sex = ", "expected a value or a column at position 7")]
    [InlineData("sex = 'Female", "unterminated text")]
    [InlineData("salary > 3", "unknown column 'salary'")]
    [InlineData("age > 3 3", "unexpected '3' at position 9")]
    [InlineData("(age > 3", "expected ')'")]
    [InlineData("sex = Female", "unknown column 'Female'")]
    [InlineData("age >= and sex = 'A'", "expected a value or a column, not the keyword 'and' at position 8")]
    [InlineData("age > 3 or or sex = 'A'", "not the keyword 'or' at position 12")]
    public void Parse_Malformed_ShowsWhere(string text, string says)
    {
        var e = Assert.Throws<DoppelException>(() => ExpressionParser.Parse(text, Columns, "--where"));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.StartsWith("--where:", e.Message);
        Assert.Contains(says, e.Message);
        Assert.Contains("^", e.Message);
    }
}

public class ExpressionCompilerTests
{
    private static readonly TableMetadata Meta = new("t",
    [
        new ColumnMetadata("sex", SemanticType.Categorical),
        new ColumnMetadata("age", SemanticType.Numerical) { Integer = true },
        new ColumnMetadata("when", SemanticType.Datetime) { Format = "dd/MM/yyyy" },
        new ColumnMetadata("flag", SemanticType.Boolean),
    ]);

    private static readonly Table Data = new(
    [
        new CategoryColumn("sex", [0, 1, 0, 1], ["Female", "Male"]),
        new NumberColumn("age", [25, 35, 45, 0], Nulls(4, 3)),
        new DateTimeColumn("when", [new DateTime(2024, 1, 1).Ticks, new DateTime(2024, 6, 1).Ticks, new DateTime(2025, 1, 1).Ticks, 0], Nulls(4, 3)),
        new BooleanColumn("flag", [true, false, true, false]),
    ]);

    private static Validity Nulls(int n, int nullRow)
    {
        var v = new Validity(n);
        v.Set(nullRow, false);
        return v;
    }

    private static int[] Rows(string text)
    {
        var predicate = ExpressionCompiler.Predicate(ExpressionParser.Parse(text, Meta.Columns.Select(c => c.Name)), Meta, "--where");
        return [.. Enumerable.Range(0, Data.RowCount).Where(r => predicate(Data, r))];
    }

    [Theory]
    [InlineData("sex = 'Female'", new[] { 0, 2 })]
    [InlineData("sex = 'Female' and age >= 30", new[] { 2 })]
    [InlineData("30 <= age <= 40", new[] { 1 })]
    [InlineData("age > 20", new[] { 0, 1, 2 })]          // the null age is never > 20
    [InlineData("not age > 20", new[] { 3 })]
    [InlineData("age is null", new[] { 3 })]
    [InlineData("when >= '2024-03-01'", new[] { 1, 2 })]
    [InlineData("when < '01/06/2024'", new[] { 0 })]      // the column's own format
    [InlineData("flag", new[] { 0, 2 })]
    [InlineData("sex in ('Male') or age * 2 = 90", new[] { 1, 2, 3 })]
    [InlineData("upper(sex) = 'MALE'", new[] { 1, 3 })]      // SQL's functions, as CHECKs write them
    [InlineData("lower(sex) != sex", new[] { 0, 1, 2, 3 })]
    [InlineData("length(sex) > 4", new[] { 0, 2 })]
    [InlineData("abs(age - 40) <= 5", new[] { 1, 2 })]
    public void Predicate_SelectsTheRightRows(string text, int[] rows) => Assert.Equal(rows, Rows(text));

    [Theory]
    [InlineData("upper(age) = 'X'", "upper needs text")]
    [InlineData("abs(sex) > 1", "abs needs a number")]
    [InlineData("now(sex) = sex", "unknown function 'now'")]
    public void Functions_AreTypeChecked(string text, string message) =>
        Assert.Contains(message, Assert.Throws<DoppelException>(() => Rows(text)).Message);

    [Theory]
    [InlineData("sex > 'A'", "can only be compared with = or !=")]
    [InlineData("age = 'old'", "cannot compare column 'age' (numerical) with the text 'old'")]
    [InlineData("when > 'soon'", "'soon' is not a date")]
    [InlineData("age = null", "write 'x is null'")]
    [InlineData("age + 1", "expected a condition")]
    public void Predicate_TypeErrors_AreClear(string text, string says)
    {
        var e = Assert.Throws<DoppelException>(() => Rows(text));
        Assert.Contains(says, e.Message);
    }
}

public class ConditionalSamplingTests
{
    [Fact]
    public void Sample_Where_ExactCountAllRowsSatisfy()
    {
        var (real, meta) = RealisticData.Make(5_000);
        var model = new Doppel.Synthesizers.GaussianCopulaSynthesizer().Fit(real, meta);
        var sample = model.Sample(20_000, new Doppel.Sampling.SampleOptions { Seed = 3, Where = "c = 'high' and x >= 55" });
        Assert.Equal(20_000, sample.RowCount);
        var c = TestData.Labels(sample, "c");
        var x = (NumberColumn)sample["x"];
        Assert.All(Enumerable.Range(0, sample.RowCount), r => Assert.True(c[r] == "high" && x.Values[r] >= 55));
        // Keys stay unique when rows are filtered out.
        var ids = ((StringColumn)sample["id"]).Values;
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Sample_Where_IsDeterministicAcrossThreads()
    {
        var (real, meta) = RealisticData.Make(2_000);
        var model = new Doppel.Synthesizers.GaussianCopulaSynthesizer().Fit(real, meta);
        string Csv(int threads) => Doppel.IO.CsvTableWriter.ToText(
            model.Sample(30_000, new Doppel.Sampling.SampleOptions { Seed = 8, Threads = threads, Where = "c in ('low', 'lowest')" }), meta);
        Assert.Equal(Csv(1), Csv(4));
    }

    [Fact]
    public void Sample_ImpossibleWhere_IsUnsatisfiable()
    {
        var (real, meta) = RealisticData.Make(2_000);
        var model = new Doppel.Synthesizers.GaussianCopulaSynthesizer().Fit(real, meta);
        var e = Assert.Throws<DoppelException>(() => model.Sample(10, new Doppel.Sampling.SampleOptions { Seed = 1, Where = "x > 1000" }));
        Assert.Equal(ErrorKind.Unsatisfiable, e.Kind);
        Assert.Contains("x > 1000", e.Message);
    }

    [Fact]
    public void Sample_MalformedWhere_IsUsageErrorWithPosition()
    {
        var (real, meta) = RealisticData.Make(500);
        var model = new Doppel.Synthesizers.GaussianCopulaSynthesizer().Fit(real, meta);
        var e = Assert.Throws<DoppelException>(() => model.Sample(10, new Doppel.Sampling.SampleOptions { Where = "c = " }));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("position", e.Message);
    }
}

public class CopulaConditionalTests
{
    [Fact]
    public void ConditionalSample_MatchesTheRealConditionalDistribution()
    {
        // In the real data, x is much higher among 'high' rows; sampling under c = 'high' must keep that.
        const int n = 20_000;
        var (real, meta) = RealisticData.Make(n);
        var model = new Doppel.Synthesizers.GaussianCopulaSynthesizer().Fit(real, meta);
        var conditional = model.Sample(n, new Doppel.Sampling.SampleOptions { Seed = 2, Where = "c = 'high'" });
        var unconditional = model.Sample(200_000, new Doppel.Sampling.SampleOptions { Seed = 3 });
        var labels = TestData.Labels(unconditional, "c");
        var x = (NumberColumn)unconditional["x"];
        var expected = Enumerable.Range(0, unconditional.RowCount).Where(r => labels[r] == "high").Select(r => x.Values[r]).ToArray();
        var got = TestData.Numbers(conditional, "x");
        Assert.All(TestData.Labels(conditional, "c"), v => Assert.Equal("high", v));
        // The conditional path and filtering the unconditional model give the same distribution of x.
        Assert.True(TestData.KolmogorovSmirnov(expected, got) < TestData.KsCritical(expected.Length, got.Length),
            $"KS {TestData.KolmogorovSmirnov(expected, got):0.0000}");
    }

    [Fact]
    public void RareCondition_IsFastThroughTheConditional()
    {
        var (real, meta) = RealisticData.Make(5_000);
        var model = new Doppel.Synthesizers.GaussianCopulaSynthesizer().Fit(real, meta);
        // x >= 75 holds for about 0.6% of rows; rejection alone would generate ~170 rows per kept row.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var sample = model.Sample(50_000, new Doppel.Sampling.SampleOptions { Seed = 1, Where = "x >= 75" });
        Assert.Equal(50_000, sample.RowCount);
        Assert.All(TestData.Numbers(sample, "x"), v => Assert.True(v >= 75));
        Assert.True(watch.Elapsed.TotalSeconds < 20, $"{watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void UnknownCategory_IsUnsatisfiableAtOnce()
    {
        var (real, meta) = RealisticData.Make(1_000);
        var model = new Doppel.Synthesizers.GaussianCopulaSynthesizer().Fit(real, meta);
        var e = Assert.Throws<DoppelException>(() => model.Sample(10, new Doppel.Sampling.SampleOptions { Where = "c = 'unknown'" }));
        Assert.Equal(ErrorKind.Unsatisfiable, e.Kind);
    }
}
