using System.Text.Json.Serialization;
using Doppel.Data;
using Doppel.Sampling;
using Doppel.Synthesizers.Columns;
using Doppel.Transforms;

namespace Doppel.Synthesizers.Trees;

/// <summary>
/// A categorical or boolean column drawn from the class counts of the leaf its row falls into. Codes: the kept
/// categories 0..K−1, the protected rare bucket K, null K+1. A rare draw is written as a frequent category in
/// proportion (or <c>_RARE_</c> on request) but read by later trees as the bucket, as in training.
/// </summary>
internal sealed class CategoricalTreeColumn : TreeColumn
{
    private double[][]? _cumulative;
    private CategoricalMarginal? _frequent;

    /// <summary>Categories seen at least k times (all with keep-rare).</summary>
    public required string[] Categories { get; init; }

    /// <summary>Write booleans instead of category strings.</summary>
    public bool Boolean { get; init; }

    /// <summary>Write the rare bucket as <see cref="CategoricalColumnModel.RareToken"/>.</summary>
    public bool WriteRareToken { get; init; }

    /// <summary>Column-wide share of each kept category, for redistributing rare draws.</summary>
    public required double[] FrequentShares { get; init; }

    /// <summary>The tree over earlier columns (a single leaf for the first column).</summary>
    public required DecisionTree Tree { get; init; }

    /// <summary>Per leaf: training rows of each code (K + 2 entries).</summary>
    public required int[][] LeafCounts { get; init; }

    [JsonIgnore]
    public override IEnumerable<int> Reads => Tree.Feature.Where(f => f >= 0).Distinct();

    public override bool IsConsistent(TreeColumn[] columns) =>
        Tree.IsConsistent(f => CodesOf(columns, f)) && Tree.LeafCount() == LeafCounts.Length
        && LeafCounts.All(c => c.Length == NullCode + 1 && c.All(x => x >= 0) && c.Sum() > 0)
        && FrequentShares.Length == Categories.Length;

    /// <summary>Code of the rare bucket.</summary>
    [JsonIgnore]
    public int RareCode => Categories.Length;

    /// <summary>Code of null.</summary>
    [JsonIgnore]
    public int NullCode => Categories.Length + 1;

    private double[][] Cumulative => _cumulative ??= [.. LeafCounts.Select(ToCumulative)];

    private CategoricalMarginal? Frequent => _frequent ??= Categories.Length == 0 ? null : new CategoricalMarginal(FrequentShares);

    private static double[] ToCumulative(int[] counts)
    {
        var cumulative = new double[counts.Length];
        double total = counts.Sum(c => (double)c), running = 0;
        for (int c = 0; c < counts.Length; c++) { running += counts[c]; cumulative[c] = running / total; }
        cumulative[^1] = 1;
        return cumulative;
    }

    public override Column Generate(double[]?[] values, int self, int count, long firstRow, ref RandomStream random)
    {
        var cumulative = Cumulative;
        var own = values[self] = new double[count];
        var codes = new int[count];
        var validity = new Validity(count);
        var output = Output;
        for (int i = 0; i < count; i++)
        {
            var leaf = cumulative[Tree.LeafOf(values, i)];
            double u = random.NextDouble();
            int code = FirstAbove(leaf, u);
            own[i] = code;
            if (code < RareCode) codes[i] = code;
            else if (code == NullCode) validity.Set(i, false);
            else codes[i] = WriteRareToken || Frequent is null ? output.Length - 1 : Frequent.Draw(ref random);
        }
        return Wrap(codes, output, validity, count);
    }

    /// <inheritdoc/>
    public override double[] Code(Column given)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < Categories.Length; c++) index[Categories[c]] = c;
        var codes = new double[given.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            string? value = given.IsNull(i) ? null : given switch
            {
                CategoryColumn c => c.Categories[c.Codes[i]],
                BooleanColumn b => b.Values[i] ? "true" : "false",
                _ => throw new DoppelException(ErrorKind.Data, $"Column '{Name}' cannot be given as {given.Kind} values."),
            };
            codes[i] = value is null ? NullCode : index.TryGetValue(value, out int code) ? code : RareCode;
        }
        return codes;
    }

    private Column Wrap(int[] codes, string[] output, Validity validity, int count)
    {
        if (!Boolean) return new CategoryColumn(Name, codes, output, validity);
        var booleans = new bool[count];
        int trueCode = Array.IndexOf(output, "true");
        for (int i = 0; i < count; i++) booleans[i] = codes[i] == trueCode;
        return new BooleanColumn(Name, booleans, validity);
    }

    /// <summary>Per code, whether it can satisfy a condition on the column (1) or not (0); null when the condition is not about categories.</summary>
    public double[]? Evidence(Expressions.ColumnCondition condition)
    {
        if (condition.Categories is not { } allowed) return null;
        var weights = new double[NullCode + 1];
        for (int c = 0; c < Categories.Length; c++) weights[c] = allowed.Contains(Categories[c]) ? 1 : 0;
        // The rare bucket is written as a kept category in proportion, or as the rare token.
        bool writesToken = WriteRareToken || Frequent is null;
        weights[RareCode] = (writesToken ? allowed.Contains(CategoricalColumnModel.RareToken) : weights.Take(RareCode).Any(w => w > 0)) ? 1 : 0;
        return weights;
    }

    /// <summary>Per leaf, the share of its rows whose code has weight in <paramref name="evidence"/>.</summary>
    public double[] LeafMass(double[] evidence) =>
        [.. LeafCounts.Select(counts => counts.Select((n, c) => n * evidence[c]).Sum() / counts.Sum(n => (double)n))];

    /// <summary>One row's code (conditional sampling): drawn from its leaf, restricted to <paramref name="evidence"/> when given.</summary>
    public int DrawCode(double[]?[] values, int row, double[]? evidence, ref RandomStream random)
    {
        int leaf = Tree.LeafOf(values, row);
        if (evidence is null) return FirstAbove(Cumulative[leaf], random.NextDouble());
        var counts = LeafCounts[leaf];
        double total = 0;
        for (int c = 0; c < counts.Length; c++) total += counts[c] * evidence[c];
        double u = random.NextDouble() * total;
        int last = 0;
        for (int c = 0; c < counts.Length; c++)
        {
            double w = counts[c] * evidence[c];
            if (w <= 0) continue;
            last = c;
            if (u < w) return c;
            u -= w;
        }
        return last;
    }

    /// <summary>Writes the column from codes drawn by <see cref="DrawCode"/> (rare draws redistributed as in <see cref="Generate"/>).</summary>
    public Column Render(double[] own, int count, ref RandomStream random)
    {
        var codes = new int[count];
        var validity = new Validity(count);
        var output = Output;
        for (int i = 0; i < count; i++)
        {
            int code = (int)own[i];
            if (code < RareCode) codes[i] = code;
            else if (code == NullCode) validity.Set(i, false);
            else codes[i] = WriteRareToken || Frequent is null ? output.Length - 1 : Frequent.Draw(ref random);
        }
        return Wrap(codes, output, validity, count);
    }

    /// <summary>The categories written out (one array for every batch, so writers encode them once).</summary>
    private string[] Output => _output ??= WriteRareToken || Categories.Length == 0 ? [.. Categories, CategoricalColumnModel.RareToken] : Categories;

    private string[]? _output;

    /// <summary>The first index whose cumulative share exceeds <paramref name="u"/> (binary search; leaves can hold thousands of codes).</summary>
    private static int FirstAbove(double[] cumulative, double u)
    {
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (u >= cumulative[mid]) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
