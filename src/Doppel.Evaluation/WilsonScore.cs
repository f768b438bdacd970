namespace Doppel.Evaluation;

/// <summary>The Wilson score interval of a binomial success rate (Wilson 1927).</summary>
internal static class WilsonScore
{
    /// <summary>The standard normal quantile at 0.975, for 95% intervals.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// Centre (s + z²/2) / (n + z²) and half-width z / (n + z²) · √(s(n − s)/n + z²/4) of the interval for
    /// <paramref name="successes"/> out of <paramref name="trials"/>.
    /// </summary>
    public static (double Centre, double HalfWidth) Of(int successes, int trials, double z = Z95)
    {
        if (trials <= 0) throw new ArgumentOutOfRangeException(nameof(trials), "The Wilson interval needs at least one trial.");
        double z2 = z * z;
        double denominator = trials + z2;
        double centre = (successes + z2 / 2) / denominator;
        double halfWidth = z / denominator * Math.Sqrt((double)successes * (trials - successes) / trials + z2 / 4);
        return (centre, halfWidth);
    }
}
