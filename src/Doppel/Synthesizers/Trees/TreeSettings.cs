namespace Doppel.Synthesizers.Trees;

/// <summary>How far a tree grows (synthpop's CART defaults: minbucket 5, rpart's minsplit = 3 × minbucket).</summary>
internal sealed record TreeSettings
{
    /// <summary>Fewest training rows in a leaf: leaves summarize at least this many rows.</summary>
    public int MinLeaf { get; init; } = 5;

    /// <summary>Fewest training rows in a node that may be split.</summary>
    public int MinSplit { get; init; } = 15;

    /// <summary>A split must remove at least this share of the root's impurity (rpart's cp), so trees stop before memorizing.</summary>
    public double Complexity { get; init; } = 1e-5;

    /// <summary>Deepest a leaf may lie (rpart's maxdepth).</summary>
    public int MaxDepth { get; init; } = 30;
}
