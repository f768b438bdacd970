using System.Text.Json.Serialization;
using Doppel.Data;
using Doppel.Sampling;
using Doppel.Transforms;

namespace Doppel.Synthesizers.Columns;

/// <summary>
/// What a model knows about one column: statistics only (knots, shares, shapes), never rows. A column model owns
/// <see cref="Dimensions"/> latent normal dimensions of the copula (0 for columns generated on their own).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(NumericColumnModel), "numeric")]
[JsonDerivedType(typeof(CategoricalColumnModel), "categorical")]
[JsonDerivedType(typeof(PatternColumnModel), "pattern")]
[JsonDerivedType(typeof(IdColumnModel), "id")]
internal abstract class ColumnModel
{
    /// <summary>The column name.</summary>
    public required string Name { get; init; }

    /// <summary>Share of null rows in the training data.</summary>
    public double NullShare { get; init; }

    /// <summary>Latent dimensions this column reads from the copula.</summary>
    [JsonIgnore]
    public abstract int Dimensions { get; }

    /// <summary>
    /// Produces <paramref name="count"/> values from the latent normal scores <paramref name="z"/> (this column's
    /// dimensions, column-major, <paramref name="count"/> each). <paramref name="firstRow"/> is the global index of
    /// the first row (for unique keys); <paramref name="random"/> is this column's own stream for this batch.
    /// </summary>
    public abstract Column Decode(ReadOnlySpan<double> z, int count, long firstRow, ref RandomStream random);

    /// <summary>The null indicator's marginal (present, null) when the column has some but not only nulls.</summary>
    protected static CategoricalMarginal? NullMarginal(double nullShare) =>
        nullShare > 0 && nullShare < 1 ? new CategoricalMarginal([1 - nullShare, nullShare]) : null;

    /// <summary>Encodes the null indicator as normal scores (fit time).</summary>
    protected static double[] EncodeNulls(Column column, CategoricalMarginal marginal, ref RandomStream random)
    {
        var z = new double[column.Length];
        for (int i = 0; i < z.Length; i++) z[i] = marginal.ToNormal(column.IsNull(i) ? 1 : 0, ref random);
        return z;
    }

    /// <summary>Applies the null dimension (if any) to a validity bitmap.</summary>
    protected static Validity DecodeNulls(CategoricalMarginal? marginal, ReadOnlySpan<double> z, int count, bool allNull)
    {
        var validity = new Validity(count, allValid: !allNull);
        if (marginal is null) return validity;
        for (int i = 0; i < count; i++) if (marginal.FromNormal(z[i]) == 1) validity.Set(i, false);
        return validity;
    }
}

/// <summary>
/// Latent scores produced while fitting one column: one array per dimension, which rows are observed (null: all),
/// and each dimension's correlation attenuation (see <see cref="Attenuation"/>; 1 for continuous values).
/// </summary>
internal sealed record EncodedColumn(ColumnModel Model, double[][] Scores, Validity?[] Observed, double[] Attenuation);
