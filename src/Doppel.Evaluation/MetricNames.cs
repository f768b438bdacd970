namespace Doppel.Evaluation;

/// <summary>The metric names reports carry, spelled as in SDMetrics.</summary>
internal static class MetricNames
{
    public const string KSComplement = "KSComplement";
    public const string TVComplement = "TVComplement";
    public const string CorrelationSimilarity = "CorrelationSimilarity";
    public const string ContingencySimilarity = "ContingencySimilarity";
    public const string BoundaryAdherence = "BoundaryAdherence";
    public const string RangeCoverage = "RangeCoverage";
    public const string CategoryAdherence = "CategoryAdherence";
    public const string CategoryCoverage = "CategoryCoverage";
    public const string KeyUniqueness = "KeyUniqueness";
}
