using System.Numerics;

namespace Doppel.Privacy.Dp;

/// <summary>
/// Exact samples of the discrete Gaussian N_Z(0, σ²) on the integers (Canonne, Kamath and Steinke 2020,
/// Algorithm 3): integer output and exact rational arithmetic, so none of the floating-point attacks on
/// textbook Laplace or Gaussian noise (Mironov 2012) apply.
/// </summary>
/// <remarks>
/// σ² is rounded up to a multiple of 2⁻²⁰ before sampling, so the noise is never smaller than what the
/// accountant charged. Adding N_Z(0, σ²) to a count of sensitivity 1 is 1/(2σ²)-zCDP, as for the continuous Gaussian.
/// </remarks>
public static class DiscreteGaussian
{
    private const int Denominator = 1 << 20;

    /// <summary>The variance actually used for <paramref name="sigma2"/> (rounded up to a multiple of 2⁻²⁰).</summary>
    public static double EffectiveVariance(double sigma2) => Math.Ceiling(sigma2 * Denominator) / Denominator;

    /// <summary>One sample of N_Z(0, <paramref name="sigma2"/>).</summary>
    public static long Sample(double sigma2, NoiseSource noise)
    {
        if (!(sigma2 > 0) || double.IsInfinity(sigma2)) throw new ArgumentOutOfRangeException(nameof(sigma2));
        var p = new BigInteger(Math.Ceiling(sigma2 * Denominator));
        var q = new BigInteger(Denominator);
        // Any t ≥ 1 is correct; t = ⌊σ⌋ + 1 makes the acceptance rate high.
        long t = (long)Math.Floor(Math.Sqrt(sigma2)) + 1;
        while (true)
        {
            long y = DiscreteLaplace(t, noise);
            // Accept with probability exp(−(|y| − σ²/t)² / (2σ²)) = exp(−(|y|·q·t − p)² / (2·p·q·t²)).
            var numerator = BigInteger.Pow(Math.Abs(y) * q * t - p, 2);
            var denominator = 2 * p * q * t * t;
            if (BernoulliExp(numerator, denominator, noise)) return y;
        }
    }

    /// <summary>A sample of the discrete Laplace distribution with scale <paramref name="t"/>: P(y) ∝ exp(−|y|/t).</summary>
    internal static long DiscreteLaplace(long t, NoiseSource noise)
    {
        while (true)
        {
            long u = (long)noise.NextBelow(t);
            if (!BernoulliExp(u, t, noise)) continue;
            long v = 0;
            while (BernoulliExp(BigInteger.One, BigInteger.One, noise)) v++;
            long x = u + t * v;
            bool negative = (noise.NextUInt64() & 1) == 1;
            if (negative && x == 0) continue;
            return negative ? -x : x;
        }
    }

    /// <summary>A Bernoulli draw with success probability exp(−n/d), exactly (CKS 2020, Algorithm 1).</summary>
    internal static bool BernoulliExp(BigInteger n, BigInteger d, NoiseSource noise)
    {
        if (n.Sign < 0 || d.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        if (n <= d)
        {
            // exp(−γ) = P(the first K with no success in Bernoulli(γ/k), k = 1, 2, …, is odd).
            long k = 1;
            while (noise.NextBelow(d * k) < n) k++;
            return k % 2 == 1;
        }
        var whole = BigInteger.Divide(n, d);
        for (BigInteger i = 0; i < whole; i++)
            if (!BernoulliExp(BigInteger.One, BigInteger.One, noise)) return false;
        return BernoulliExp(n - whole * d, d, noise);
    }
}
