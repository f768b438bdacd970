namespace Doppel.Privacy.Dp;

/// <summary>
/// Keeps the books of one differentially private fit in zCDP: every mechanism that touches the data is charged
/// here first, and the fit fails rather than spend more than the budget. Composition is additive in ρ.
/// </summary>
internal sealed class PrivacyAccountant(double rho)
{
    private readonly List<PrivacySpend> _spent = [];

    /// <summary>The total ρ the fit may spend.</summary>
    public double Total { get; } = rho;

    /// <summary>ρ spent so far.</summary>
    public double Used { get; private set; }

    /// <summary>What was charged, in order.</summary>
    public IReadOnlyList<PrivacySpend> Spent => _spent;

    /// <summary>Charges <paramref name="cost"/> for <paramref name="what"/>, or throws when the budget would be exceeded.</summary>
    public void Charge(string what, double cost)
    {
        if (!(cost >= 0)) throw new ArgumentOutOfRangeException(nameof(cost));
        // A relative slack absorbs the rounding of shares that sum to the whole budget.
        if (Used + cost > Total * (1 + 1e-9))
            throw new DoppelException(ErrorKind.PrivacyBudget, $"The privacy budget is exhausted: {what} needs rho = {cost:G4} but only {Total - Used:G4} of {Total:G4} is left.");
        Used += cost;
        _spent.Add(new PrivacySpend(what, cost));
    }
}
