using System.Text.Json.Serialization;
using Doppel.Data;
using Doppel.Sampling;
using Doppel.Synthesizers.Columns;
using Doppel.Transforms;

namespace Doppel.Synthesizers.Bayes;

/// <summary>
/// A categorical or boolean column drawn from its conditional table. Codes: the kept categories 0..K−1, the protected
/// rare bucket K, null K+1. A rare draw is written as a frequent category in proportion (or <c>_RARE_</c> on request)
/// but read by later columns as the bucket, as in training.
/// </summary>
internal sealed class CategoricalBayesNode : BayesNode
{
    private CategoricalMarginal? _frequent;

    /// <summary>Categories seen at least k times (all with keep-rare).</summary>
    public required string[] Categories { get; init; }

    /// <summary>Write booleans instead of category strings.</summary>
    public bool Boolean { get; init; }

    /// <summary>Write the rare bucket as <see cref="CategoricalColumnModel.RareToken"/>.</summary>
    public bool WriteRareToken { get; init; }

    /// <summary>Column-wide share of each kept category, for redistributing rare draws.</summary>
    public required double[] FrequentShares { get; init; }

    /// <summary>The conditional table given the parents.</summary>
    public required ConditionalTable Table { get; init; }

    /// <summary>Code of the rare bucket.</summary>
    [JsonIgnore]
    public int RareCode => Categories.Length;

    /// <summary>Number of codes (kept categories, rare bucket, null).</summary>
    [JsonIgnore]
    public int Codes => Categories.Length + 2;

    private CategoricalMarginal? Frequent => _frequent ??= Categories.Length == 0 ? null : new CategoricalMarginal(FrequentShares);

    public override double[]? Evidence(Expressions.ColumnCondition condition)
    {
        if (condition.Categories is not { } allowed) return null;
        var weights = new double[Codes];
        for (int c = 0; c < Categories.Length; c++) weights[c] = allowed.Contains(Categories[c]) ? 1 : 0;
        // The rare bucket is written as a kept category in proportion, or as the rare token.
        bool writesToken = WriteRareToken || Frequent is null;
        weights[RareCode] = (writesToken ? allowed.Contains(CategoricalColumnModel.RareToken) : weights.Take(RareCode).Any(w => w > 0)) ? 1 : 0;
        return weights;
    }

    public override Column Render(int[] codes, int count, ref RandomStream random)
    {
        var written = new int[count];
        var validity = new Validity(count);
        var output = WriteRareToken || Categories.Length == 0 ? [.. Categories, CategoricalColumnModel.RareToken] : Categories;
        for (int i = 0; i < count; i++)
        {
            int code = codes[i];
            if (code < RareCode) written[i] = code;
            else if (code == RareCode + 1) validity.Set(i, false);
            else written[i] = WriteRareToken || Frequent is null ? output.Length - 1 : Frequent.Draw(ref random);
        }
        return Output(written, output, validity, count);
    }

    public override Column Generate(int[]?[] codes, int self, int count, long firstRow, ref RandomStream random)
    {
        var own = codes[self] = new int[count];
        var written = new int[count];
        var validity = new Validity(count);
        var output = WriteRareToken || Categories.Length == 0 ? [.. Categories, CategoricalColumnModel.RareToken] : Categories;
        for (int i = 0; i < count; i++)
        {
            int code = own[i] = Table.Draw(Table.ConfigurationOf(codes, i), ref random);
            if (code < RareCode) written[i] = code;
            else if (code == RareCode + 1) validity.Set(i, false);
            else written[i] = WriteRareToken || Frequent is null ? output.Length - 1 : Frequent.Draw(ref random);
        }
        return Output(written, output, validity, count);
    }

    private Column Output(int[] written, string[] output, Validity validity, int count)
    {
        if (!Boolean) return new CategoryColumn(Name, written, output, validity);
        var booleans = new bool[count];
        for (int i = 0; i < count; i++) booleans[i] = output[written[i]] == "true";
        return new BooleanColumn(Name, booleans, validity);
    }
}
