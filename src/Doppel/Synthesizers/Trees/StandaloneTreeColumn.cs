using Doppel.Data;
using Doppel.Sampling;
using Doppel.Synthesizers.Columns;

namespace Doppel.Synthesizers.Trees;

/// <summary>Ids, text and PII: generated exactly as the copula does (from shapes or the row index), and never predictors.</summary>
internal sealed class StandaloneTreeColumn : TreeColumn
{
    /// <summary>The copula's column model (it owns no correlated dimension here: its normals are independent).</summary>
    public required ColumnModel Model { get; init; }

    public override Column Generate(double[]?[] values, int self, int count, long firstRow, ref RandomStream random)
    {
        var z = new double[Model.Dimensions * count];
        random.FillNormal(z);
        return Model.Decode(z, count, firstRow, ref random);
    }
}
