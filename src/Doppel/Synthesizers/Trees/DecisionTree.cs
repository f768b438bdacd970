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

    /// <summary>Number of leaves.</summary>
    public int LeafCount() => Feature.Count(f => f < 0);

    /// <summary>
    /// Checks the arrays fit together (a model file is read back): every child exists and lies after its parent
    /// (no cycles), leaves are numbered 0..L−1 and categorical predictors (<paramref name="codes"/>(feature) &gt; 0) are split by masks that cover their codes.
    /// </summary>
    public bool IsConsistent(Func<int, int> codes)
    {
        int n = Feature.Length;
        if (n == 0 || Threshold.Length != n || NullLeft.Length != n || MaskStart.Length != n || Left.Length != n || Right.Length != n) return false;
        var leaves = new bool[LeafCount()];
        for (int node = 0; node < n; node++)
        {
            if (Feature[node] < 0)
            {
                if (Left[node] < 0 || Left[node] >= leaves.Length || leaves[Left[node]]) return false;
                leaves[Left[node]] = true;
                continue;
            }
            if (Left[node] <= node || Right[node] <= node || Left[node] >= n || Right[node] >= n) return false;
            int codeCount = codes(Feature[node]); // 0: a numeric predictor
            if ((MaskStart[node] >= 0) != (codeCount > 0) || (codeCount > 0 && MaskStart[node] + (codeCount + 63) / 64 > Masks.Length)) return false;
        }
        return true;
    }

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
