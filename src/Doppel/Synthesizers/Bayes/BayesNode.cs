using System.Text.Json.Serialization;
using Doppel.Data;
using Doppel.Sampling;

namespace Doppel.Synthesizers.Bayes;

/// <summary>
/// How the Bayesian network generates one column. A synthesized column draws its code from its conditional table
/// given its parents' codes in the same row (parents come earlier in the order) and publishes its codes for later
/// columns; ids, text and PII are standalone.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CategoricalBayesNode), "categorical")]
[JsonDerivedType(typeof(NumericBayesNode), "numeric")]
[JsonDerivedType(typeof(StandaloneBayesNode), "standalone")]
[JsonDerivedType(typeof(Mst.DpCategoricalNode), "dp-categorical")]
[JsonDerivedType(typeof(Mst.DpNumericNode), "dp-numeric")]
internal abstract class BayesNode
{
    /// <summary>The column name.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Generates <paramref name="count"/> values. <paramref name="codes"/> holds the codes of the columns generated
    /// before (a synthesized column stores its own at <paramref name="self"/>); <paramref name="random"/> is this
    /// column's own stream for this batch.
    /// </summary>
    public abstract Column Generate(int[]?[] codes, int self, int count, long firstRow, ref RandomStream random);

    /// <summary>
    /// Per code, whether it can satisfy <paramref name="condition"/> (1) or not (0): the evidence the network
    /// conditions on. Null when the column cannot be conditioned on (standalone columns).
    /// </summary>
    public virtual double[]? Evidence(Expressions.ColumnCondition condition) => null;

    /// <summary>
    /// Writes values for codes drawn elsewhere (conditional sampling): what <see cref="Generate"/> does after drawing
    /// each code. (The caller keeps <paramref name="codes"/> for later columns.)
    /// </summary>
    public virtual Column Render(int[] codes, int count, ref RandomStream random) =>
        throw new InvalidOperationException($"Column '{Name}' is not drawn from codes.");
}
