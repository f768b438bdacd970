namespace Doppel.Privacy.Dp;

/// <summary>
/// The exponential mechanism (McSherry and Talwar 2007): picks candidate i with probability ∝ exp(ε·score_i / (2Δ)).
/// With scores of sensitivity Δ it is ε-DP and ε²/8-zCDP (Cesar and Rogers 2021, "Bounding, Concentrating, and
/// Truncating: Unifying Privacy Loss Composition for Data Analytics").
/// </summary>
public static class ExponentialMechanism
{
    /// <summary>The ε that spends exactly <paramref name="rho"/> (ρ = ε²/8).</summary>
    public static double EpsilonFor(double rho) => Math.Sqrt(8 * rho);

    /// <summary>Picks an index of <paramref name="scores"/> (higher is better).</summary>
    public static int Select(ReadOnlySpan<double> scores, double epsilon, double sensitivity, NoiseSource noise)
    {
        if (scores.Length == 0) throw new ArgumentException("No candidates.", nameof(scores));
        double best = double.NegativeInfinity;
        foreach (double s in scores) best = Math.Max(best, s);
        var weights = new double[scores.Length];
        double total = 0;
        for (int i = 0; i < scores.Length; i++) total += weights[i] = Math.Exp(epsilon * (scores[i] - best) / (2 * sensitivity));
        double u = noise.NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.Length - 1;
    }
}
