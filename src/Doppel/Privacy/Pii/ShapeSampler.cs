using Doppel.Sampling;
using Doppel.Transforms;

namespace Doppel.Privacy.Pii;

/// <summary>Draws one of a column's frequent character shapes (see <see cref="PatternModel"/>) in proportion to its share.</summary>
internal sealed class ShapeSampler(string[] shapes, double[] shares)
{
    private readonly CategoricalMarginal? _marginal = shapes.Length > 0 ? new CategoricalMarginal(shares) : null;

    /// <summary>False when no shape was frequent enough to keep.</summary>
    public bool Any => _marginal is not null;

    /// <summary>A shape drawn by share; only valid when <see cref="Any"/>.</summary>
    public string Draw(ref RandomStream random) => shapes[_marginal!.Draw(ref random)];
}
