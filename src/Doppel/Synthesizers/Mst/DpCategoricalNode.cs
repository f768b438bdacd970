using System.Text.Json.Serialization;
using Doppel.Data;
using Doppel.Sampling;
using Doppel.Synthesizers.Bayes;
using Doppel.Synthesizers.Columns;
using Doppel.Transforms;

namespace Doppel.Synthesizers.Mst;

/// <summary>
/// A categorical or boolean column of a differentially private model: its code (a group of categories) is drawn
/// from the conditional table given its parent, then a category of the group in proportion to the noisy one-way
/// counts. Fine cells: the categories, then the protected cell for categories too rare to be released (written as a
/// released category in proportion, or <c>_RARE_</c> on request), then null.
/// </summary>
internal sealed class DpCategoricalNode : BayesNode
{
    private CategoricalMarginal? _released;

    /// <summary>The released categories (public, or above the private threshold).</summary>
    public required string[] Categories { get; init; }

    /// <summary>A protected cell follows the categories.</summary>
    public bool HasRareCell { get; init; }

    /// <summary>The null cell follows.</summary>
    public bool HasNullCell { get; init; }

    /// <summary>Write booleans instead of category strings.</summary>
    public bool Boolean { get; init; }

    /// <summary>Write the protected cell as <see cref="CategoricalColumnModel.RareToken"/>.</summary>
    public bool WriteRareToken { get; init; }

    /// <summary>Per code its group of cells.</summary>
    public required DpGroup[] Groups { get; init; }

    /// <summary>The code's conditional table given the parent.</summary>
    public required ConditionalTable Table { get; init; }

    /// <summary>Number of codes.</summary>
    [JsonIgnore]
    public int Codes => Groups.Length;

    /// <summary>Number of fine cells.</summary>
    [JsonIgnore]
    public int Cells => Categories.Length + (HasRareCell ? 1 : 0) + (HasNullCell ? 1 : 0);

    /// <summary>Shares of the released categories, for writing protected draws.</summary>
    private CategoricalMarginal? Released => Categories.Length == 0 ? null : _released ??= new CategoricalMarginal(ReleasedShares());

    public bool IsConsistent() => Table.Codes == Codes && Groups.All(g => g.IsConsistent(Cells));

    public override Column Generate(int[]?[] codes, int self, int count, long firstRow, ref RandomStream random)
    {
        var own = codes[self] = new int[count];
        var written = new int[count];
        var validity = new Validity(count);
        int rare = Categories.Length, tokens = WriteRareToken || Categories.Length == 0 ? 1 : 0;
        string[] output = tokens == 1 ? [.. Categories, CategoricalColumnModel.RareToken] : Categories;
        for (int i = 0; i < count; i++)
        {
            int code = own[i] = Table.Draw(Table.ConfigurationOf(codes, i), ref random);
            int cell = Groups[code].Draw(ref random);
            if (cell < rare) written[i] = cell;
            else if (HasRareCell && cell == rare) written[i] = tokens == 1 ? output.Length - 1 : Released!.Draw(ref random);
            else validity.Set(i, false);
        }
        if (!Boolean) return new CategoryColumn(Name, written, output, validity);
        var booleans = new bool[count];
        for (int i = 0; i < count; i++) booleans[i] = output[written[i]] == "true";
        return new BooleanColumn(Name, booleans, validity);
    }

    /// <inheritdoc/>
    /// <remarks>A code counts when a cell of its group with weight can be written as an allowed category.</remarks>
    public override double[]? Evidence(Expressions.ColumnCondition condition)
    {
        if (condition.Categories is not { } allowed) return null;
        int rare = Categories.Length;
        bool tokens = WriteRareToken || Categories.Length == 0;
        bool rareAllowed = tokens ? allowed.Contains(CategoricalColumnModel.RareToken) : Categories.Any(allowed.Contains);
        bool Allowed(int cell) => cell < rare ? allowed.Contains(Categories[cell]) : HasRareCell && cell == rare && rareAllowed;
        return [.. Groups.Select(g => g.Cells.Where((cell, j) => g.Weights[j] > 0 && Allowed(cell)).Any() ? 1.0 : 0.0)];
    }

    /// <inheritdoc/>
    public override Column Render(int[] codes, int count, ref RandomStream random)
    {
        var written = new int[count];
        var validity = new Validity(count);
        int rare = Categories.Length, tokens = WriteRareToken || Categories.Length == 0 ? 1 : 0;
        string[] output = tokens == 1 ? [.. Categories, CategoricalColumnModel.RareToken] : Categories;
        for (int i = 0; i < count; i++)
        {
            int cell = Groups[codes[i]].Draw(ref random);
            if (cell < rare) written[i] = cell;
            else if (HasRareCell && cell == rare) written[i] = tokens == 1 ? output.Length - 1 : Released!.Draw(ref random);
            else validity.Set(i, false);
        }
        if (!Boolean) return new CategoryColumn(Name, written, output, validity);
        var booleans = new bool[count];
        for (int i = 0; i < count; i++) booleans[i] = output[written[i]] == "true";
        return new BooleanColumn(Name, booleans, validity);
    }

    private double[] ReleasedShares()
    {
        var shares = new double[Categories.Length];
        foreach (var group in Groups)
            for (int j = 0; j < group.Cells.Length; j++)
                if (group.Cells[j] < Categories.Length) shares[group.Cells[j]] += group.Weights[j];
        if (shares.Sum() <= 0) Array.Fill(shares, 1.0);
        return shares;
    }
}
