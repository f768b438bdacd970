namespace Doppel.Privacy.Dp;

/// <summary>
/// The differential-privacy guarantee of a model and of everything sampled from it (sampling is post-processing):
/// (ε, δ)-DP, accounted as ρ-zCDP and converted with <see cref="Conversion"/>. Recorded in the model file and in every
/// output's manifest.
/// </summary>
/// <param name="Epsilon">ε of the (ε, δ) guarantee.</param>
/// <param name="Delta">δ of the (ε, δ) guarantee.</param>
/// <param name="Rho">ρ of the zCDP guarantee that implies it.</param>
public sealed record PrivacyBudget(double Epsilon, double Delta, double Rho)
{
    /// <summary>How ρ was converted to (ε, δ).</summary>
    public string Conversion { get; init; } = Zcdp.Conversion;

    /// <summary>Whether the categories, bounds and null presence were declared public (true) or estimated privately from the budget.</summary>
    public bool PublicDomain { get; init; }

    /// <summary>False when the noise came from the test-only seeded source: then there is no guarantee at all.</summary>
    public bool SecureNoise { get; init; } = true;

    /// <summary>What the budget was spent on, in order.</summary>
    public IReadOnlyList<PrivacySpend> Spent { get; init; } = [];
}

/// <summary>One charge to the budget.</summary>
/// <param name="What">The measurement, e.g. <c>one-way marginals (15 columns)</c>.</param>
/// <param name="Rho">The ρ it cost.</param>
public sealed record PrivacySpend(string What, double Rho);
