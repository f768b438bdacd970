using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;

namespace Doppel.Evaluation.ML.Tests;

/// <summary>
/// Small tables drawn from one fixed population with RandomStream, so each test can take two samples of the same
/// distribution, a shifted one, or one with its columns made independent.
/// </summary>
internal static class Generated
{
    private static readonly string[] Levels = ["a", "b", "c", "d"];

    /// <summary>
    /// n rows: x ~ N(shift, 1) with 5% nulls; y = x + N(0, 0.1); c one of a..d by x (80%) or at random;
    /// flag = y &gt; 0.5 (90%); when = 2020-01-01 + 30·x days + up to a day; outcome "yes" when x + N(0, 0.5) &gt; 0.8
    /// (the minority class); id unique per table (an id, never a feature).
    /// </summary>
    public static Table Population(int n, ulong seed, double shift = 0, bool reverseDictionary = false)
    {
        var random = new RandomStream(seed, 0);
        var x = new double[n];
        var xValid = new Validity(n);
        var y = new double[n];
        var c = new int[n];
        var flag = new bool[n];
        var when = new long[n];
        var outcome = new int[n];
        var id = new string?[n];
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).Ticks;
        for (int i = 0; i < n; i++)
        {
            double v = shift + random.NextNormal();
            x[i] = v;
            if (random.NextDouble() < 0.05) xValid.Set(i, false);
            y[i] = v + 0.1 * random.NextNormal();
            c[i] = random.NextDouble() < 0.8 ? Math.Clamp((int)Math.Floor(v + 2), 0, 3) : random.NextInt(4);
            flag[i] = (y[i] > 0.5) ^ (random.NextDouble() < 0.1);
            when[i] = start + (long)(v * 30 * TimeSpan.TicksPerDay) + (long)(random.NextDouble() * TimeSpan.TicksPerDay);
            outcome[i] = v + 0.5 * random.NextNormal() > 0.8 ? 0 : 1;
            id[i] = $"row-{seed}-{i}";
        }
        string[] levels = Levels;
        if (reverseDictionary)
        {
            levels = [.. Levels.Reverse()];
            for (int i = 0; i < n; i++) c[i] = 3 - c[i];
        }
        string[] outcomes = reverseDictionary ? ["no", "yes"] : ["yes", "no"];
        if (reverseDictionary) for (int i = 0; i < n; i++) outcome[i] = 1 - outcome[i];
        return new Table(
        [
            new StringColumn("id", id),
            new NumberColumn("x", x, xValid),
            new NumberColumn("y", y),
            new CategoryColumn("c", c, levels),
            new BooleanColumn("flag", flag),
            new DateTimeColumn("when", when),
            new CategoryColumn("outcome", outcome, outcomes),
        ]);
    }

    /// <summary>The metadata of <see cref="Population"/>.</summary>
    public static TableMetadata Metadata { get; } = new("population",
    [
        new ColumnMetadata("id", SemanticType.Id),
        new ColumnMetadata("x", SemanticType.Numerical),
        new ColumnMetadata("y", SemanticType.Numerical),
        new ColumnMetadata("c", SemanticType.Categorical),
        new ColumnMetadata("flag", SemanticType.Boolean),
        new ColumnMetadata("when", SemanticType.Datetime),
        new ColumnMetadata("outcome", SemanticType.Categorical),
    ], "id");

    /// <summary>The table with every column (or only <paramref name="only"/>) shuffled on its own, which keeps the marginals and breaks all dependence.</summary>
    public static Table Shuffled(Table table, ulong seed, string? only = null)
    {
        var columns = new List<Column>();
        ulong stream = 1;
        foreach (var column in table.Columns)
        {
            var rows = Enumerable.Range(0, table.RowCount).ToArray();
            if (only is null || column.Name == only)
            {
                var random = new RandomStream(seed, stream++);
                for (int i = rows.Length - 1; i > 0; i--)
                {
                    int j = random.NextInt(i + 1);
                    (rows[i], rows[j]) = (rows[j], rows[i]);
                }
            }
            columns.Add(Take(column, rows));
        }
        return new Table(columns);
    }

    /// <summary>The rows of <paramref name="table"/> that <paramref name="keep"/> accepts.</summary>
    public static Table Where(Table table, Func<int, bool> keep)
    {
        var rows = Enumerable.Range(0, table.RowCount).Where(keep).ToArray();
        return new Table([.. table.Columns.Select(c => Take(c, rows))], rows.Length);
    }

    /// <summary>The label of a category column at a row.</summary>
    public static string Label(Table table, string column, int row)
    {
        var c = (CategoryColumn)table[column];
        return c.Categories[c.Codes[row]];
    }

    private static Column Take(Column column, int[] rows)
    {
        var validity = new Validity(rows.Length);
        for (int i = 0; i < rows.Length; i++) if (column.IsNull(rows[i])) validity.Set(i, false);
        return column switch
        {
            NumberColumn n => new NumberColumn(n.Name, [.. rows.Select(r => n.Values[r])], validity),
            CategoryColumn k => new CategoryColumn(k.Name, [.. rows.Select(r => k.Codes[r])], k.Categories, validity),
            BooleanColumn b => new BooleanColumn(b.Name, [.. rows.Select(r => b.Values[r])], validity),
            DateTimeColumn d => new DateTimeColumn(d.Name, [.. rows.Select(r => d.Ticks[r])], validity),
            StringColumn s => new StringColumn(s.Name, [.. rows.Select(r => s.Values[r])]),
            _ => throw new ArgumentException(column.Kind.ToString()),
        };
    }
}
