using Doppel.Sampling;

namespace Doppel.Streaming;

/// <summary>
/// The first two moments of a standard normal score drawn uniformly within a CDF interval [lo, hi): what the
/// in-memory encoders draw per row (a tie spread over its CDF interval, a category over its frequency interval).
/// Sums of these expectations give the same correlations as sums of the draws, without drawing.
/// </summary>
internal static class LatentCell
{
    private static readonly double InvSqrt2Pi = 1 / Math.Sqrt(2 * Math.PI);

    /// <summary>E[Z] and E[Z²] for Z = Φ⁻¹(U), U uniform on [lo, hi].</summary>
    public static (double Mean, double Square) Moments(double lo, double hi)
    {
        lo = Math.Clamp(lo, 0, 1);
        hi = Math.Clamp(hi, lo, 1);
        double width = hi - lo;
        if (width < 1e-9)
        {
            double z = Normal.Quantile(Math.Clamp((lo + hi) / 2, 1e-12, 1 - 1e-12));
            return (z, z * z);
        }
        double za = lo <= 0 ? double.NegativeInfinity : Normal.Quantile(lo);
        double zb = hi >= 1 ? double.PositiveInfinity : Normal.Quantile(hi);
        double da = Density(za), db = Density(zb);
        double mean = (da - db) / width;
        double zda = double.IsInfinity(za) ? 0 : za * da, zdb = double.IsInfinity(zb) ? 0 : zb * db;
        double square = 1 + (zda - zdb) / width;
        return (mean, Math.Max(square, mean * mean));
    }

    private static double Density(double z) => double.IsInfinity(z) ? 0 : Math.Exp(-0.5 * z * z) * InvSqrt2Pi;
}
