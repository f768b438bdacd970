namespace Doppel.Synthesizers.Trees;

/// <summary>
/// How far a tree grows. synthpop's CART uses minbucket 5 and cp 1e-8; on UCI Adult that memorizes (DCR share 0.60),
/// while leaves of 20 rows and cp 1e-4 keep the DCR share near 0.52 and raise accuracy (0.986 → 0.990): bigger
/// leaves generalize better. rpart's minsplit = 3 × minbucket is kept.
/// </summary>
internal sealed record TreeSettings
{
    /// <summary>Fewest training rows in a leaf: leaves summarize at least this many rows.</summary>
    public int MinLeaf { get; init; } = 20;

    /// <summary>Fewest training rows in a node that may be split.</summary>
    public int MinSplit { get; init; } = 60;

    /// <summary>A split must remove at least this share of the root's impurity (rpart's cp), so trees stop before memorizing.</summary>
    public double Complexity { get; init; } = 1e-4;

    /// <summary>Deepest a leaf may lie (rpart's maxdepth).</summary>
    public int MaxDepth { get; init; } = 30;
}
