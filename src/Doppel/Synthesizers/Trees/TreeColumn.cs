using System.Text.Json.Serialization;
using Doppel.Data;
using Doppel.Sampling;

namespace Doppel.Synthesizers.Trees;

/// <summary>
/// How the sequential-tree model generates one column. Synthesized columns read the earlier columns of the same
/// batch through their tree and publish their own values for the later ones.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CategoricalTreeColumn), "categorical")]
[JsonDerivedType(typeof(NumericTreeColumn), "numeric")]
[JsonDerivedType(typeof(StandaloneTreeColumn), "standalone")]
internal abstract class TreeColumn
{
    /// <summary>The column name.</summary>
    public required string Name { get; init; }

    /// <summary>The columns this one's tree reads (metadata indices); they are generated first.</summary>
    [JsonIgnore]
    public virtual IEnumerable<int> Reads => [];

    /// <summary>Whether the fitted parts fit together (checked when a model file is read).</summary>
    public virtual bool IsConsistent(TreeColumn[] columns) => true;

    /// <summary>Codes a categorical predictor can take (masks must cover them); 0 for others.</summary>
    protected static int CodesOf(TreeColumn[] columns, int feature) =>
        columns[feature] is CategoricalTreeColumn categorical ? categorical.NullCode + 1 : 0;

    /// <summary>
    /// Generates <paramref name="count"/> values. <paramref name="values"/> holds the earlier columns of the batch
    /// (numbers with NaN for null, or category codes); a synthesized column stores its own at index
    /// <paramref name="self"/>. <paramref name="random"/> is this column's own stream for this batch.
    /// </summary>
    public abstract Column Generate(double[]?[] values, int self, int count, long firstRow, ref RandomStream random);

    /// <summary>Given values of this column as the later trees read them (numbers, NaN for null; or category codes).</summary>
    public virtual double[] Code(Column given)
    {
        var codes = new double[given.Length];
        for (int i = 0; i < codes.Length; i++)
            codes[i] = given.IsNull(i) ? double.NaN : given switch
            {
                NumberColumn n => n.Values[i],
                DateTimeColumn d => d.Ticks[i],
                BooleanColumn b => b.Values[i] ? 1 : 0,
                _ => throw new DoppelException(ErrorKind.Data, $"Column '{Name}' cannot be given as {given.Kind} values."),
            };
        return codes;
    }
}
