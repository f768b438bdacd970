namespace Doppel.Synthesizers.Bayes;

/// <summary>
/// A synthesized column as the network sees it while fitting: one code per training row, <see cref="Codes"/> of them
/// in all (categories, the rare bucket and null; or numeric bins and null).
/// </summary>
/// <param name="Column">The metadata index.</param>
/// <param name="Labels">Per training row: its code.</param>
/// <param name="Codes">Number of codes.</param>
internal sealed record DiscreteColumn(int Column, int[] Labels, int Codes)
{
    /// <summary>Codes that some training row holds (what the BIC penalty counts).</summary>
    public int UsedCodes { get; } = Labels.Distinct().Count();
}
