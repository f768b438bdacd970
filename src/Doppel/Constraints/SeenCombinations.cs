namespace Doppel.Constraints;

/// <summary>The combinations a <c>combination(...)</c> rule allows, as the model file keeps them: values (as text) and how often each was seen.</summary>
internal sealed class SeenCombinations
{
    /// <summary>One array of values per combination, in the rule's column order.</summary>
    public required string[][] Values { get; init; }

    /// <summary>Training rows per combination (the weights of the repair's redraw).</summary>
    public required long[] Counts { get; init; }
}
