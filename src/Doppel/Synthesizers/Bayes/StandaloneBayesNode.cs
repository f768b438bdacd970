using Doppel.Data;
using Doppel.Sampling;
using Doppel.Synthesizers.Columns;

namespace Doppel.Synthesizers.Bayes;

/// <summary>Ids, text and PII: generated exactly as the copula does (from shapes or the row index), and never parents.</summary>
internal sealed class StandaloneBayesNode : BayesNode
{
    /// <summary>The copula's column model (its latent normals are independent here).</summary>
    public required ColumnModel Model { get; init; }

    public override Column Generate(int[]?[] codes, int self, int count, long firstRow, ref RandomStream random)
    {
        var z = new double[Model.Dimensions * count];
        random.FillNormal(z);
        return Model.Decode(z, count, firstRow, ref random);
    }
}
