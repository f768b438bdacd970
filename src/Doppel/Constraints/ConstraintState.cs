namespace Doppel.Constraints;

/// <summary>
/// What a model keeps about its constraints beyond their text (which lives in its metadata): the seen combinations of
/// each <c>combination(...)</c> rule, and how many real rows broke each rule when it was fitted.
/// </summary>
internal sealed class ConstraintState
{
    /// <summary>Per combination rule (keyed by its columns), the allowed combinations.</summary>
    public Dictionary<string, SeenCombinations> Combinations { get; init; } = [];

    /// <summary>Per constraint (as written), the training rows that broke it.</summary>
    public Dictionary<string, long> TrainingViolations { get; init; } = [];

    /// <summary>Training rows dropped because they broke a constraint (<c>--drop-violating</c>); 0 when they were kept.</summary>
    public long DroppedRows { get; init; }
}
