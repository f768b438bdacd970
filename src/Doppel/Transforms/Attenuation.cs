using Doppel.Sampling;

namespace Doppel.Transforms;

/// <summary>
/// How much a discretized encoding weakens correlation. When a latent normal Y is replaced by a fresh draw within
/// its cell (the frequency-interval encoding, or ties of a numeric value), the Pearson correlation with any other
/// variable shrinks by the factor a = Σ_c p_c · m_c², where m_c = E[Y | Y in cell c] = (φ(t_c) − φ(t_c+1)) / p_c.
/// Dividing observed correlations by a_i·a_j recovers the latent (polyserial/polychoric-style) correlation.
/// </summary>
internal static class Attenuation
{
    /// <summary>The factor a for cells with the given shares (in encoding order, summing to 1).</summary>
    public static double Of(IEnumerable<double> shares)
    {
        double cumulative = 0, total = 0, densityLow = 0; // φ(−∞) = 0
        foreach (double p in shares)
        {
            if (p <= 0) continue;
            cumulative += p;
            double densityHigh = cumulative >= 1 - 1e-12 ? 0 : Density(Normal.Quantile(cumulative));
            double mean = (densityLow - densityHigh) / p;
            total += p * mean * mean;
            densityLow = densityHigh;
        }
        return Math.Clamp(total, 1e-6, 1);
    }

    private static double Density(double z) => Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
}
