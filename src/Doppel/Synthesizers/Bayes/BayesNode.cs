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
}
