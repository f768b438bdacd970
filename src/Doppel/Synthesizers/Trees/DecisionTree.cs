namespace Doppel.Synthesizers.Trees;

/// <summary>
/// A binary decision tree in flat arrays (node 0 is the root). An inner node tests one earlier column: numbers go
/// left when at most <see cref="Threshold"/> (nulls as <see cref="NullLeft"/> says); category codes go left when
/// their bit is set in the node's mask. A leaf's <see cref="Left"/> is its leaf index.
/// </summary>
/// <remarks>Holds split points and category sets only; the leaves' distributions live in the column.</remarks>
internal sealed class DecisionTree
{
    /// <summary>Per node: the predictor column (metadata index), or −1 for a leaf.</summary>
    public required int[] Feature { get; init; }

    /// <summary>Per numeric split node: the largest value that goes left.</summary>
    public required double[] Threshold { get; init; }

    /// <summary>Per numeric split node: whether nulls go left.</summary>
    public required bool[] NullLeft { get; init; }

    /// <summary>Per node: first word of its category mask in <see cref="Masks"/>, or −1 for a numeric split.</summary>
    public required int[] MaskStart { get; init; }

    /// <summary>Category masks (bit c set: code c goes left), concatenated.</summary>
    public required ulong[] Masks { get; init; }

    /// <summary>Per inner node: the left child; per leaf: the leaf index.</summary>
    public required int[] Left { get; init; }

    /// <summary>Per inner node: the right child.</summary>
    public required int[] Right { get; init; }

    /// <summary>A tree of one leaf (the marginal).</summary>
    public static DecisionTree SingleLeaf() => new() { Feature = [-1], Threshold = [0], NullLeft = [false], MaskStart = [-1], Masks = [], Left = [0], Right = [0] };

    /// <summary>
    /// The leaf that row <paramref name="row"/> of the partly generated batch falls into. <paramref name="values"/>
    /// holds, per column, numbers (NaN for null) or category codes (null as its own code).
    /// </summary>
    public int LeafOf(double[]?[] values, int row)
    {
        int node = 0;
        int feature;
        while ((feature = Feature[node]) >= 0)
        {
            double v = values[feature]![row];
            int mask = MaskStart[node];
            bool left;
            if (mask >= 0)
            {
                int code = (int)v;
                left = (Masks[mask + (code >> 6)] & (1UL << (code & 63))) != 0;
            }
            else left = double.IsNaN(v) ? NullLeft[node] : v <= Threshold[node];
            node = left ? Left[node] : Right[node];
        }
        return Left[node];
    }
}
