namespace Doppel.Privacy.Dp;

/// <summary>
/// Conversions between zero-concentrated differential privacy (ρ-zCDP) and approximate (ε, δ)-DP.
/// </summary>
/// <remarks>
/// The bound is the tight one of Canonne, Kamath and Steinke, "The Discrete Gaussian for Differential Privacy"
/// (NeurIPS 2020, arXiv:2004.00010, §2.3): ρ-zCDP implies (ε, δ)-DP with
/// δ = min over α &gt; 1 of exp((α−1)(αρ−ε)) / (α−1) · (1 − 1/α)^α. It is smaller than the classic
/// ε = ρ + 2√(ρ·ln(1/δ)) of Bun and Steinke (2016), so the same (ε, δ) buys a larger ρ, i.e. less noise.
/// </remarks>
public static class Zcdp
{
    /// <summary>The conversion's reference, as recorded in models and manifests.</summary>
    public const string Conversion = "zCDP to (epsilon, delta): Canonne, Kamath & Steinke 2020 (arXiv:2004.00010, section 2.3)";

    /// <summary>The smallest δ for which ρ-zCDP implies (ε, δ)-DP.</summary>
    public static double Delta(double rho, double epsilon)
    {
        if (rho < 0 || epsilon < 0 || double.IsNaN(rho) || double.IsNaN(epsilon)) throw new ArgumentOutOfRangeException(nameof(rho));
        if (rho == 0) return 0;
        // The objective is convex in α; bisect on the sign of its derivative.
        double lo = 1.01, hi = (epsilon + 1) / (2 * rho) + 2, alpha = lo;
        for (int i = 0; i < 200; i++)
        {
            alpha = (lo + hi) / 2;
            double derivative = (2 * alpha - 1) * rho - epsilon + Math.Log(1 - 1 / alpha);
            if (derivative < 0) lo = alpha; else hi = alpha;
        }
        double delta = Math.Exp((alpha - 1) * (alpha * rho - epsilon) + alpha * Math.Log(1 - 1 / alpha)) / (alpha - 1);
        return Math.Min(delta, 1);
    }

    /// <summary>The smallest ε for which ρ-zCDP implies (ε, δ)-DP.</summary>
    public static double Epsilon(double rho, double delta)
    {
        if (delta >= 1 || rho == 0) return 0;
        double lo = 0, hi = rho + 2 * Math.Sqrt(rho * Math.Log(1 / delta)); // the classic bound is an upper bound
        for (int i = 0; i < 200; i++)
        {
            double mid = (lo + hi) / 2;
            if (Delta(rho, mid) <= delta) hi = mid; else lo = mid;
        }
        return hi;
    }

    /// <summary>The largest ρ whose zCDP guarantee implies (ε, δ)-DP: the budget a mechanism may spend.</summary>
    public static double Rho(double epsilon, double delta)
    {
        if (!(epsilon > 0) || double.IsInfinity(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon));
        if (!(delta > 0) || delta >= 1) throw new ArgumentOutOfRangeException(nameof(delta));
        double lo = 0, hi = epsilon + 1;
        for (int i = 0; i < 200; i++)
        {
            double mid = (lo + hi) / 2;
            if (Delta(mid, epsilon) <= delta) lo = mid; else hi = mid;
        }
        return lo;
    }
}
