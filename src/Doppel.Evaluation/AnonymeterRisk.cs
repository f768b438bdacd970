namespace Doppel.Evaluation;

/// <summary>
/// One Anonymeter-style privacy risk (Giomi et al. 2022): the success of an attack on training rows beyond the
/// success of the same attack on control rows the generator never saw.
/// </summary>
/// <param name="Risk">(attack − control) / (1 − control), clipped to [0, 1].</param>
/// <param name="Low">Lower end of the 95% interval of the risk, clipped to [0, 1].</param>
/// <param name="High">Upper end of the 95% interval of the risk, clipped to [0, 1].</param>
/// <param name="AttackRate">Success rate against training rows: the centre of its 95% Wilson score interval.</param>
/// <param name="ControlRate">Success rate against control (holdout) rows: the centre of its 95% Wilson score interval.</param>
/// <param name="Attacks">Attacks run against each of the two sets.</param>
public sealed record AnonymeterRisk(double Risk, double Low, double High, double AttackRate, double ControlRate, int Attacks)
{
    /// <summary>The result when the attack cannot be run (for instance linkability with a single scored column).</summary>
    internal static AnonymeterRisk NotApplicable { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);

    /// <summary>
    /// The risk from success counts, as Anonymeter computes it: each rate is the centre of its Wilson interval, and
    /// the two Wilson half-widths are propagated to the risk to first order (Gaussian error propagation). With no
    /// attacks at all (no query could be built) the risk is 0.
    /// </summary>
    internal static AnonymeterRisk FromCounts(int attackSuccesses, int controlSuccesses, int attacks)
    {
        if (attacks == 0) return new AnonymeterRisk(0, 0, 0, 0, 0, 0);
        var (attack, attackError) = WilsonScore.Of(attackSuccesses, attacks);
        var (control, controlError) = WilsonScore.Of(controlSuccesses, attacks);
        // The Wilson centre is below 1 for any finite count, so 1 − control > 0.
        double risk = (attack - control) / (1 - control);
        double byAttack = 1 / (1 - control);
        double byControl = (attack - 1) / ((1 - control) * (1 - control));
        double error = Math.Sqrt(attackError * attackError * byAttack * byAttack + controlError * controlError * byControl * byControl);
        return new AnonymeterRisk(Clip(risk), Clip(risk - error), Clip(risk + error), attack, control, attacks);
    }

    private static double Clip(double x) => Math.Clamp(x, 0, 1);
}
