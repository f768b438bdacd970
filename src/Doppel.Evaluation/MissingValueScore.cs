namespace Doppel.Evaluation;

/// <summary>SDMetrics' MissingValueSimilarity of one column: how alike the shares of nulls are.</summary>
/// <param name="Column">The column name.</param>
/// <param name="RealNullShare">Share of real rows that are null.</param>
/// <param name="SyntheticNullShare">Share of synthetic rows that are null.</param>
public sealed record MissingValueScore(string Column, double RealNullShare, double SyntheticNullShare)
{
    /// <summary>1 − |real null share − synthetic null share|.</summary>
    public double Score => 1 - Math.Abs(RealNullShare - SyntheticNullShare);
}
