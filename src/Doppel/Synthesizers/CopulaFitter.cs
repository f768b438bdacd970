using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Synthesizers.Columns;

namespace Doppel.Synthesizers;

/// <summary>Fits column models and, for the copula, the correlation of their latent normal scores.</summary>
internal static class CopulaFitter
{
    public static SynthesisModel Fit(Table data, TableMetadata metadata, SynthesizerOptions options, string name, bool correlated)
    {
        if (data.RowCount == 0)
            throw new DoppelException(ErrorKind.Data, "The data has a header but no rows; a model needs at least one row.");
        if (metadata.Columns.Count != data.Columns.Count || metadata.Columns.Where((c, i) => c.Name != data.Columns[i].Name).Any())
            throw new DoppelException(ErrorKind.Metadata,
                $"The metadata's columns ({string.Join(", ", metadata.Columns.Select(c => c.Name))}) do not match the data's ({string.Join(", ", data.Columns.Select(c => c.Name))}).");

        var encoded = new EncodedColumn[data.Columns.Count];
        Parallel.For(0, encoded.Length, c =>
        {
            var random = new RandomStream(options.FitSeed, (ulong)c);
            encoded[c] = FitColumn(data.Columns[c], metadata.Columns[c], options, ref random);
        });

        var scores = encoded.SelectMany(e => e.Scores).ToArray();
        var observed = encoded.SelectMany(e => e.Observed).ToArray();
        double[]? cholesky = null;
        if (correlated && scores.Length > 1)
            cholesky = Correlation.CholeskyOf(Correlation.Pairwise(scores, observed), scores.Length);

        return new SynthesisModel(name, metadata, [.. encoded.Select(e => e.Model)], cholesky, data.RowCount, options);
    }

    private static EncodedColumn FitColumn(Column column, ColumnMetadata meta, SynthesizerOptions options, ref RandomStream random)
    {
        bool fits = meta.Type switch
        {
            SemanticType.Numerical => column is NumberColumn,
            SemanticType.Datetime => column is DateTimeColumn,
            SemanticType.Categorical => column is CategoryColumn,
            SemanticType.Boolean => column is BooleanColumn or CategoryColumn,
            _ => column is StringColumn,
        };
        if (!fits)
            throw new DoppelException(ErrorKind.Metadata, $"Column '{column.Name}' holds {column.Kind} values but the metadata says {meta.TypeName}.");
        return meta.Type switch
        {
            SemanticType.Numerical or SemanticType.Datetime => NumericColumnModel.Fit(column, meta, ref random),
            SemanticType.Categorical or SemanticType.Boolean => CategoricalColumnModel.Fit(column, meta, options, ref random),
            SemanticType.Id => IdColumnModel.Fit(column),
            _ => PatternColumnModel.Fit(column, meta, options, ref random),
        };
    }
}
